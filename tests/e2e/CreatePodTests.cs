using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>The create-pod form against the real app, scheduler and embedded Mesos master.</summary>
public sealed class CreatePodTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    /// <summary>Placement needs an offer from the embedded master and a status update from its agent.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Placed = new() { Timeout = 60_000 };

    [Fact]
    public async Task CreatePod_ValidForm_PodPlacedOnAgentAndRunning()
    {
        var page = await app.OpenAsync("/pods/create");

        await page.GetByLabel("Name").FillAsync("web-1");
        await page.GetByLabel("Image").FillAsync("nginx:1.27");
        await page.GetByLabel("CPUs").FillAsync("0.25");
        await page.GetByLabel("Memory (MiB)").FillAsync("128");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await page.GetByLabel("Label key 1").FillAsync("app");
        await page.GetByLabel("Label value 1").FillAsync("web");
        await DashboardAppFixture.ScreenshotAsync(page, "create-pod-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create pod", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/scheduling$"), new() { Timeout = 15_000 });
        var pods = page.GetByRole(AriaRole.Region, new() { Name = "Pods" });
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "web-1" })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "scheduling-web-1-created");

        var placements = page.GetByRole(AriaRole.Region, new() { Name = "Recent placements" });
        await Expect(placements.GetByRole(AriaRole.Row).Filter(new() { HasText = "web-1" })).ToBeVisibleAsync(Placed);
        var runningRow = pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "web-1" }).Filter(new() { HasText = "Running" });
        await Expect(runningRow).ToBeVisibleAsync(Placed);
        await Expect(runningRow).Not.ToContainTextAsync("—");
        await DashboardAppFixture.ScreenshotAsync(page, "scheduling-web-1-running");
    }

    [Fact]
    public async Task CreatePod_InvalidNameAndNoImage_ShowsInlineErrorsAndStaysOnForm()
    {
        var page = await app.OpenAsync("/pods/create");

        await page.GetByLabel("Name").FillAsync("Web_1");
        await page.GetByLabel("Name").PressAsync("Tab");
        await Expect(page.GetByText("RFC 1123 label", new() { Exact = false })).ToBeVisibleAsync(Soon);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create pod", Exact = true }).ClickAsync();

        await Expect(page.GetByText("Image is required")).ToBeVisibleAsync(Soon);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pods/create$"));
        await DashboardAppFixture.ScreenshotAsync(page, "create-pod-invalid");
    }
}
