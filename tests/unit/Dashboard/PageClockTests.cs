using Bunit;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>What a list page renders when nothing but the clock moves, and what it writes after it is gone.</summary>
public sealed class PageClockTests : DashboardTestContext
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public PageClockTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Pods_ClockTicks_OnlyTheAgesRenderAgain()
    {
        Feed.Publish([new PodUpdated(Pod("web-1") with { CreatedAt = _time.GetUtcNow().AddSeconds(-3) })]);
        var page = Render<Pods>();
        page.WaitForAssertion(() => Assert.Contains("3s ago", page.Find("tbody time").TextContent, StringComparison.Ordinal));
        var filters = page.FindComponents<MudTextField<string>>();
        var filterRenders = filters.Select(f => f.RenderCount).ToList();
        var pageRenders = page.RenderCount;

        for (var tick = 0; tick < 5; tick++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        page.WaitForAssertion(() => Assert.Contains("8s ago", page.Find("tbody time").TextContent, StringComparison.Ordinal));
        Assert.Equal(filterRenders, filters.Select(f => f.RenderCount)); // the page did not re-render its inputs
        Assert.InRange(page.RenderCount - pageRenders, 1, 5); // at most one small batch (the ages) per tick
    }

    [Fact]
    public async Task Services_DebouncedSearchComesDueAfterLeaving_NextPageKeepsItsUrl()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("services");
        var page = Render<Services>();
        var search = page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Search");
        await page.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync("web"));
        Assert.EndsWith("services?q=web", navigation.Uri, StringComparison.Ordinal); // the search writes the URL

        var late = search.Instance.ValueChanged;
        navigation.NavigateTo("agents");
        await DisposeComponentsAsync();
        await Renderer.Dispatcher.InvokeAsync(() => late.InvokeAsync("web-late")); // the debounce comes due now

        Assert.EndsWith("/agents", navigation.Uri, StringComparison.Ordinal);
    }
}
