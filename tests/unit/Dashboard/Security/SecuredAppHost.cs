using System.Net.Http.Headers;
using KubeMesos.Dashboard.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>
/// The whole app as it starts by default (authentication on) on a free loopback port, with a viewer's and an
/// operator's API token, the embedded master and a temporary data folder.
/// </summary>
public class SecuredAppHost : IAsyncLifetime
{
    public const string ViewerToken = "viewer-token-0123456789abcdef";
    public const string OperatorToken = "operator-token-0123456789abcdef";
    public const string BrowserToken = "browser-token-0123456789abcdef";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("kubemesos-auth-");

    /// <summary>More arguments, for a host that tests a setting.</summary>
    protected virtual string[] Extra => [];

    /// <summary>Where Kestrel listens.</summary>
    protected virtual string Listen => "http://127.0.0.1:0";

    public WebApplication App { get; private set; } = null!;

    public string Url { get; private set; } = "";

    public static string[] Tokens =>
    [
        "--Auth:Tokens:0:Name=ci-viewer", $"--Auth:Tokens:0:Token={ViewerToken}", "--Auth:Tokens:0:Role=viewer",
        "--Auth:Tokens:1:Name=ci-operator", $"--Auth:Tokens:1:Token={OperatorToken}", "--Auth:Tokens:1:Role=operator",
    ];

    public async ValueTask InitializeAsync()
    {
        App = DashboardApplication.Build(
            ["--urls", Listen, "--environment", "Production", "--Mesos:Embedded:Port=0", $"--Store:Path={_data.FullName}",
             $"--Auth:BrowserToken={BrowserToken}", .. Tokens, .. Extra],
            builder => builder.Logging.ClearProviders());
        await App.StartAsync(TestContext.Current.CancellationToken);
        Url = App.Urls.First();
    }

    /// <summary>A client that follows no redirects, with a bearer token when given one.</summary>
    public HttpClient Client(string? token = null)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Url) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
