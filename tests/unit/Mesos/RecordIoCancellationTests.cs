using System.IO.Pipelines;
using KubeMesos.Shared.Mesos;

namespace KubeMesos.Tests.Unit.Mesos;

public sealed class RecordIoCancellationTests
{
    [Fact]
    public async Task ReadAsync_NothingArrivesBeforeTimeout_ThrowsOperationCanceled()
    {
        var pipe = new Pipe();
        await using var reader = new RecordIoReader(pipe.Reader.AsStream());
        using var timeout = new CancellationTokenSource();
        var read = reader.ReadAsync(timeout.Token).AsTask();

        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }
}
