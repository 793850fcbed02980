namespace KubeMesos.Dashboard.Configuration;

/// <summary>
/// <c>healthcheck [--url=URL]</c>: asks the app running on this machine for <c>/healthz</c> and exits 0 when it answers
/// 2xx, 1 otherwise. The Docker image's HEALTHCHECK runs it (the ASP.NET Core runtime image has neither curl nor
/// wget). Without <c>--url</c> it asks loopback on the port the app listens on: the first of <c>ASPNETCORE_URLS</c>'
/// http URLs, else of <c>ASPNETCORE_HTTP_PORTS</c>, else 8080.
/// </summary>
public static class HealthProbeCommand
{
    public const string Verb = "healthcheck";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <param name="args">The arguments after the verb.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var url = ProbeUrl(args, Environment.GetEnvironmentVariable);
        using var http = new HttpClient { Timeout = s_timeout };
        try
        {
            using var response = await http.GetAsync(url).ConfigureAwait(false);
            await output.WriteLineAsync($"{url}: {(int)response.StatusCode} {response.ReasonPhrase}").ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{url}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    internal static Uri ProbeUrl(string[] args, Func<string, string?> environment)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--url=", StringComparison.Ordinal))
            {
                return new Uri(args[i]["--url=".Length..]);
            }

            if (args[i] == "--url" && i + 1 < args.Length)
            {
                return new Uri(args[i + 1]);
            }
        }

        var port = HttpPortOf(environment("ASPNETCORE_URLS")) ?? FirstPort(environment("ASPNETCORE_HTTP_PORTS")) ?? 8080;
        return new Uri($"http://127.0.0.1:{port}/healthz");
    }

    /// <summary>The port of the first http URL in a <c>;</c>-separated list (hosts like <c>+</c>, <c>*</c>, <c>[::]</c> included).</summary>
    private static int? HttpPortOf(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                var authority = url["http://".Length..].Split('/')[0];
                var colon = authority.LastIndexOf(':');
                return colon >= 0 && int.TryParse(authority[(colon + 1)..], out var port) ? port : 80;
            }
        }

        return null;
    }

    private static int? FirstPort(string? ports) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var first, ..]
        && int.TryParse(first, out var port) ? port : null;
}
