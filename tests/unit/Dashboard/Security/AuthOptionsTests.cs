using KubeMesos.Dashboard.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>A bad authentication setting fails start with a message that names its key; Unsecured warns at every start.</summary>
public sealed class AuthOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Auth:Mode", "--Auth:Mode=Sometimes")]
    [InlineData("Auth:Tokens:0:Role", "--Auth:Tokens:0:Name=ci", "--Auth:Tokens:0:Token=0123456789abcdef0123", "--Auth:Tokens:0:Role=admin")]
    [InlineData("Auth:Tokens:0:Token", "--Auth:Tokens:0:Name=ci", "--Auth:Tokens:0:Token=short", "--Auth:Tokens:0:Role=viewer")]
    [InlineData("Auth:Tokens:0:Name", "--Auth:Tokens:0:Token=0123456789abcdef0123", "--Auth:Tokens:0:Role=viewer")]
    [InlineData("Auth:BrowserToken", "--Auth:BrowserToken=abc")]
    [InlineData("Auth:OpenIdConnect:ClientId", "--Auth:Mode=OpenIdConnect", "--Auth:OpenIdConnect:Authority=https://login.example.com")]
    [InlineData("Auth:OpenIdConnect:Authority", "--Auth:Mode=OpenIdConnect", "--Auth:OpenIdConnect:ClientId=kubemesos")]
    [InlineData("Auth:OpenIdConnect:RequireHttpsMetadata", "--Auth:Mode=OpenIdConnect", "--Auth:OpenIdConnect:ClientId=kubemesos", "--Auth:OpenIdConnect:Authority=http://login.example.com")]
    [InlineData("Auth:AllowedOrigins", "--Auth:AllowedOrigins:0=https://proxy.example.com/path")]
    [InlineData("RateLimit:WritesPerSecond", "--RateLimit:WritesPerSecond=0")]
    [InlineData("ClusterHub:MaxStreamsPerConnection", "--ClusterHub:MaxStreamsPerConnection=0")]
    [InlineData("Mesos:Embedded:Address", "--Mesos:Embedded:Address=everywhere")]
    public async Task Start_BadSetting_FailsNamingTheKey(string key, params string[] settings)
    {
        var data = Directory.CreateTempSubdirectory("kubemesos-options-");
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var app = DashboardApplication.Build(
                    ["--urls", "http://127.0.0.1:0", "--Mesos:Embedded:Port=0", $"--Store:Path={data.FullName}", .. settings],
                    builder => builder.Logging.ClearProviders());
                await app.StartAsync(Ct);
            });

            Assert.Contains(key.Split(':')[^1], error.Message);
            if (key.StartsWith("Auth:", StringComparison.Ordinal))
            {
                // Ours name the whole key; the data-annotation checks of the other sections name the member.
                Assert.Contains(key, error.Message);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_Unsecured_LogsAWarning()
    {
        var data = Directory.CreateTempSubdirectory("kubemesos-options-");
        var log = new WarningLog();
        try
        {
            await using (var app = DashboardApplication.Build(
                ["--urls", "http://127.0.0.1:0", "--Mesos:Embedded:Port=0", $"--Store:Path={data.FullName}", "--Auth:Mode=Unsecured"],
                builder =>
                {
                    builder.Logging.ClearProviders();
                    builder.Logging.AddProvider(log);
                }))
            {
                await app.StartAsync(Ct);
                await app.StopAsync(Ct);
            }

            Assert.Contains(log.Warnings, w => w.Contains("Auth:Mode=Unsecured", StringComparison.Ordinal) && w.Contains("anyone", StringComparison.Ordinal));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private sealed class WarningLog : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Warnings.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
