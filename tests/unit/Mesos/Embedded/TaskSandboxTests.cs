using System.Text;
using KubeMesos.Framework.Mesos.Embedded;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

public sealed class TaskSandboxTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WriteLine_ManyLines_FileIsEveryLineInOrder_AndAnEarlierReadStaysAsItWas()
    {
        var sandbox = new TaskSandbox("agent-1");
        var expected = new StringBuilder();
        ReadOnlyMemory<byte> early = default;
        for (var i = 0; i < 200; i++)
        {
            var line = $"line {i} " + new string('x', i % 50);
            sandbox.WriteLine(At, line);
            expected.Append("2026-12-02T06:00:00.000Z ").Append(line).Append('\n');
            if (i == 3)
            {
                early = sandbox.File("stdout")!.Value;
            }
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(sandbox.File("stdout")!.Value.Span));
        Assert.StartsWith(Encoding.UTF8.GetString(early.Span), expected.ToString(), StringComparison.Ordinal);
        Assert.Equal(4, Encoding.UTF8.GetString(early.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, sandbox.File("stderr")!.Value.Length);
        Assert.Null(sandbox.File("other"));
    }

    [Fact]
    public void WriteLine_PastTheCap_WritesNothingMore()
    {
        var sandbox = new TaskSandbox("agent-1");
        var line = new string('y', 1000);
        for (var i = 0; i < 1100; i++)
        {
            sandbox.WriteLine(At, line, stderr: true);
        }

        var length = sandbox.File("stderr")!.Value.Length;
        // Each line: a 24-character timestamp, a space, the text and a newline.
        Assert.InRange(length, (1024 * 1024) - 1026, 1024 * 1024);
        Assert.Equal(0, length % 1026);
    }
}
