using KubeMesos.Dashboard.Configuration;
using KubeMesos.Framework.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// The real app (Program's builder) on Kestrel at a free loopback port, with the embedded Mesos master on a free port
/// and a temporary data folder, plus Debian's Chromium driven by Playwright. One per test class.
/// </summary>
public sealed class DashboardAppFixture : IAsyncLifetime
{
    /// <summary>Where the embedded store keeps its files.</summary>
    public const string DataFolderKey = "Store:Path";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private DirectoryInfo? _dataFolder;
    private IPlaywright? _playwright;

    public WebApplication App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's own feed, for tests that publish changes and watch the browser show them.</summary>
    public ClusterFeed Feed => App.Services.GetRequiredService<ClusterFeed>();

    public static string ArtifactsFolder { get; } = FindArtifactsFolder();

    public async ValueTask InitializeAsync()
    {
        _dataFolder = Directory.CreateTempSubdirectory("kubemesos-e2e-");
        App = DashboardApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--Auth:Mode=Unsecured", "--Mesos:Embedded:Port=0", $"--{DataFolderKey}={_dataFolder.FullName}"],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await App.StartAsync();
        BaseUrl = App.BoundAddresses().Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Opens a page at <paramref name="path"/> and waits until the Blazor circuit is interactive.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 960 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("[data-circuit=ready]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        _dataFolder?.Delete(recursive: true);
    }

    private static string FindArtifactsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KubeMesos.Web.sln")))
        {
            dir = dir.Parent;
        }

        var folder = dir is null
            ? Path.Combine(AppContext.BaseDirectory, "artifacts")
            : Path.Combine(dir.FullName, "tests", "e2e", "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
