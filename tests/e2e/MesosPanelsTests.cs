using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// The Mesos views an operator reads: the frameworks sharing the cluster (Overview and Agents, from the master's
/// operator API) and a pod's Logs tab following its task sandbox (stdout, then stderr).
/// </summary>
public sealed class MesosPanelsTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToContainTextOptions Converged = new() { Timeout = 60_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task CreatePodAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var json = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME"},
             "spec":{"containers":[{"name":"main","image":"busybox:1.36","command":["sh","-c","echo hello"],
                                    "resources":{"requests":{"cpu":"500m","memory":"256Mi"}}}]}}
            """.Replace("NAME", name, StringComparison.Ordinal);
        using var response = await http.PostAsync("/api/v1/namespaces/default/pods", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    private static ILocator FrameworkRow(IPage page) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Frameworks" }).Locator("tbody tr").Filter(new() { HasText = "kubemesos" });

    [Fact]
    public async Task FrameworksPanel_OnOverviewAndAgents_ShowsOurFrameworkWithItsShareAndAgents()
    {
        await CreatePodAsync("share-1");
        var page = await app.OpenAsync("/");
        var row = FrameworkRow(page);
        await Expect(row).ToBeVisibleAsync(Soon);
        await Expect(row).ToContainTextAsync("kubemesos", Converged);

        // Once the pod runs, the framework holds part of an agent: a non-zero share, and that agent listed.
        await Expect(row.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"kubemesos dominant share [1-9]"), new() { Timeout = 60_000 });
        await Expect(row).ToContainTextAsync("agent-", Converged);
        await DashboardAppFixture.ScreenshotAsync(page, "overview-frameworks");

        var agents = await app.OpenAsync("/agents", page.Context);
        await Expect(FrameworkRow(agents)).ToBeVisibleAsync(Soon);
        await Expect(FrameworkRow(agents)).ToContainTextAsync("agent-", Converged);
        await DashboardAppFixture.ScreenshotAsync(agents, "agents-frameworks");
    }

    [Fact]
    public async Task PodLogsTab_FollowsTheSandbox_StdoutThenStderr()
    {
        await CreatePodAsync("talker");
        var page = await app.OpenAsync("/pods/default/talker");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Logs" }).ClickAsync();

        var log = page.GetByRole(AriaRole.Log, new() { Name = "Logs of talker/main" });
        await Expect(log).ToBeVisibleAsync(Soon);
        await Expect(log).ToContainTextAsync("Starting task", Converged);
        await Expect(log).ToContainTextAsync("Sending TASK_RUNNING", Converged);
        await Expect(log.GetByText("Following", new() { Exact = false })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "pod-logs");
    }
}
