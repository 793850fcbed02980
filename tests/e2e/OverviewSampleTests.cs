using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>A first run: the empty Overview offers Load sample workload, and one click fills the cluster (its own app, so
/// the cluster is empty whatever other classes do).</summary>
public sealed class OverviewSampleTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 20_000 };

    [Fact]
    public async Task EmptyOverview_LoadSampleWorkload_ControllersPodsAndWhyTwoWait()
    {
        var page = await app.OpenAsync("/");
        await Expect(page.GetByText("This cluster runs nothing yet")).ToBeVisibleAsync(Soon);
        var load = page.GetByRole(AriaRole.Button, new() { Name = "Load sample workload" });
        await Expect(load).ToBeVisibleAsync(Soon);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create replication controller" })).ToBeVisibleAsync();
        await DashboardAppFixture.ScreenshotAsync(page, "overview-empty-sample");

        await load.ClickAsync();

        await Expect(page.GetByText("This cluster runs nothing yet")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await page.GotoAsync("/scheduling");
        await DashboardAppFixture.WaitForCircuitAsync(page);
        await Expect(page.GetByText("can ever fit", new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GotoAsync("/");
        await DashboardAppFixture.WaitForCircuitAsync(page);
        await Expect(page.GetByText("This cluster runs nothing yet")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await DashboardAppFixture.ScreenshotAsync(page, "overview-sample-loaded");
    }
}
