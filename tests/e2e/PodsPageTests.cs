using KubeMesos.Shared.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>The Pods page in the browser: many pods, filtered by a label selector and by text, a bad selector explained inline.</summary>
public sealed class PodsPageTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task Filter_SelectorThenText_ShowsOnlyMatchingPods()
    {
        var now = DateTimeOffset.UtcNow;
        // Published straight into the feed, as the scheduler would: 1,200 pods, more than a screenful of virtualized rows.
        app.Feed.Publish(Enumerable.Range(0, 1_200).Select(i => (ClusterChange)new PodUpdated(new PodView(
            "e2e", $"e2e-pod-{i:D3}", i % 2 == 0 ? PodPhases.Running : PodPhases.Pending, i % 2 == 0 ? $"e2e-agent-{i % 7}.local" : null,
            null, null, 0.1, 64, new Dictionary<string, string> { ["app"] = i % 3 == 0 ? "web" : "batch", ["shard"] = $"s{i % 10}" },
            now.AddSeconds(-i), null))).ToList());

        var page = await app.OpenAsync("/pods");
        var pods = page.GetByRole(AriaRole.Region, new() { Name = "Pods" });
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-000" })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "pods-list"); // docs/pods.png
        // Virtualized: a screenful of rows is in the page, not 1,200.
        Assert.InRange(await pods.Locator("tbody tr").CountAsync(), 1, 200);

        // Scrolled to the oldest pods, far below what the filter will leave.
        await pods.Locator(".mud-table-container").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-1199" })).ToBeInViewportAsync(new() { Timeout = 15_000 });

        var selector = page.GetByLabel("Label selector");
        await selector.FillAsync("app=web,shard in (s0,s3)");
        // i % 3 == 0 and i % 10 in {0, 3}: i = 0, 3, 30, 33, ... 80 of them; the newest is e2e-pod-000.
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "pods" })).ToHaveTextAsync("80 of 1,200 pods", new() { Timeout = 15_000 });
        // The table is back at its first matching row, not left scrolled down the shorter list.
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-000" })).ToBeInViewportAsync(new() { Timeout = 15_000 });
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-001" })).ToHaveCountAsync(0);
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-003" })).ToBeVisibleAsync(Soon);

        await page.GetByLabel("Search").FillAsync("e2e-pod-03");
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-030" })).ToBeVisibleAsync(Soon);
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-003" })).ToHaveCountAsync(0);
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-033" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "pods" })).ToHaveTextAsync("2 of 1,200 pods");
        await DashboardAppFixture.ScreenshotAsync(page, "pods-filtered");

        await selector.FillAsync("app in (web");
        await Expect(page.GetByText("expected", new() { Exact = false })).ToBeVisibleAsync(Soon);
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-pod-030" })).ToBeVisibleAsync();
        await DashboardAppFixture.ScreenshotAsync(page, "pods-bad-selector");
    }
}
