using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// The app as it starts by default (browser token, random for the process) plus a viewer's API token, with the app's
/// own log lines kept so a test can open the login URL it logged.
/// </summary>
public sealed class SignedInAppFixture : DashboardAppFixture
{
    public const string ViewerToken = "e2e-viewer-token-0123456789";

    private readonly CapturedLog _log = new();

    protected override string[] AuthArguments =>
        ["--Auth:Tokens:0:Name=e2e-viewer", $"--Auth:Tokens:0:Token={ViewerToken}", "--Auth:Tokens:0:Role=viewer"];

    /// <summary>The URL of the "Login to the dashboard at ..." line.</summary>
    public string LoggedLoginUrl =>
        _log.Lines.Select(l => l.Split("Login to the dashboard at ", 2)).Where(p => p.Length == 2).Select(p => p[1].Trim()).Single();

    protected override void ConfigureBuilder(WebApplicationBuilder builder)
    {
        base.ConfigureBuilder(builder);
        builder.Logging.AddFilter<CapturedLog>("KubeMesos", LogLevel.Information);
        builder.Logging.AddProvider(_log);
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
