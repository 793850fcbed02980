using KubeMesos.Dashboard.Model.Forms;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("  nginx  -g 'daemon off;' ", new[] { "nginx", "-g", "daemon off;" })]
    [InlineData("sh -c \"sleep 3600\"", new[] { "sh", "-c", "sleep 3600" })]
    [InlineData("echo ''", new[] { "echo", "" })]
    public void Split_Line_Words(string line, string[] words) => Assert.Equal(words, ShellWords.Split(line, out _));

    [Fact]
    public void Split_UnclosedQuote_Error()
    {
        Assert.Null(ShellWords.Split("sh -c \"sleep", out var error));
        Assert.Equal("Unclosed \" quote", error);
    }

    [Fact]
    public void Join_ThenSplit_SameWords()
    {
        foreach (var words in new[] { new[] { "sh", "-c", "echo \"hi\" there" }, ["a b", "", "c'd"] })
        {
            Assert.Equal(words, ShellWords.Split(ShellWords.Join(words), out _));
        }
    }
}
