using KubeMesos.Dashboard.Configuration;

namespace KubeMesos.Tests.Unit.Dashboard.Operability;

/// <summary>
/// The Dockerfile's promises, read from the file (no Docker daemon is needed for the suite): a build stage and a
/// runtime stage, the runtime stage runs as a non-root user, and its HEALTHCHECK runs the app's own
/// <c>healthcheck</c> verb with the dll the ENTRYPOINT starts (the runtime image has no curl or wget).
/// </summary>
public sealed class DockerfileTests
{
    [Fact]
    public void Dockerfile_RuntimeStage_NonRootUser_HealthcheckRunsTheAppsVerb()
    {
        var instructions = Instructions(File.ReadAllText(Path.Combine(RepositoryRoot(), "Dockerfile")));
        var stages = instructions.Count(i => i.Keyword == "FROM");
        Assert.True(stages >= 2, $"{stages} stages: the image must be built in one and run in another");

        var runtime = instructions.SkipWhile((_, index) => index < instructions.FindLastIndex(i => i.Keyword == "FROM")).ToList();
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtime[0].Arguments);
        Assert.DoesNotContain(runtime, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));

        var user = runtime.Last(i => i.Keyword == "USER").Arguments;
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
        Assert.True(runtime.FindLastIndex(i => i.Keyword == "USER") > runtime.FindLastIndex(i => i.Keyword == "RUN"), "USER must come after the last RUN (which needs root for /data), so that the app itself runs as that user");

        var entrypoint = runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments;
        var healthcheck = runtime.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains("CMD", healthcheck);
        var dll = System.Text.RegularExpressions.Regex.Match(entrypoint, "\"([^\"]+\\.dll)\"").Groups[1].Value;
        Assert.Equal("KubeMesos.Dashboard.dll", dll);
        Assert.Contains($"\"{dll}\", \"{HealthProbeCommand.Verb}\"", healthcheck);
    }

    private sealed record Instruction(string Keyword, string Arguments);

    /// <summary>Instructions with their continuation lines joined; comments and blank lines dropped.</summary>
    private static List<Instruction> Instructions(string dockerfile)
    {
        var joined = dockerfile.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries) is [var keyword, var rest] ? new Instruction(keyword.ToUpperInvariant(), rest) : new Instruction(l.ToUpperInvariant(), ""))];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubeMesos.Web.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("KubeMesos.Web.sln not found above " + AppContext.BaseDirectory);
    }
}
