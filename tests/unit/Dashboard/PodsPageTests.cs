using Xunit;
using Bunit;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Dashboard.Security;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class PodsPageTests : DashboardTestContext
{
    // As in the app: interactive server rendering (the page renders differently while prerendering).
    public PodsPageTests() => Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    private static PodView Labelled(string name, string app, string phase = PodPhases.Pending, string? node = null) =>
        Pod(name, phase, node) with { Labels = new Dictionary<string, string> { ["app"] = app, ["tier"] = "front" } };

    private IRenderedComponent<Pods> RenderWithPods()
    {
        Feed.Publish(
        [
            new PodUpdated(Labelled("web-1", "web", PodPhases.Running, "agent-a.local")),
            new PodUpdated(Labelled("web-2", "web")),
            new PodUpdated(Labelled("db-1", "db", PodPhases.Running, "agent-b.local")),
        ]);
        return Render<Pods>();
    }

    private static List<string> PodRows(IRenderedComponent<Pods> page) =>
        page.FindAll("tbody tr").Select(r => r.TextContent).Where(t => t.Contains("-1") || t.Contains("-2")).ToList();

    [Fact]
    public void Render_NoPods_EmptyState()
    {
        var page = Render<Pods>();

        Assert.Contains("No pods yet", page.Markup);
    }

    [Fact]
    public void Render_Pods_RowsWithLabelChipsYamlLinkAndEditButton()
    {
        var page = RenderWithPods();

        var row = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("db-1"));
        Assert.Contains("agent-b.local", row.TextContent);
        Assert.Contains("Running", row.TextContent);
        Assert.Contains("app=db", row.TextContent);
        Assert.Contains("tier=front", row.TextContent);
        Assert.NotNull(row.QuerySelector("a[href='pods/default/db-1']"));
        Assert.NotNull(row.QuerySelector("button[aria-label='Edit labels of db-1']"));
        Assert.Contains("3 pods", page.Markup);
    }

    [Fact]
    public void Render_PodPublishedLater_RowAppearsLive()
    {
        var page = RenderWithPods();

        Feed.Publish(new PodUpdated(Labelled("cache-1", "cache")));

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), r => r.TextContent.Contains("cache-1")));
    }

    [Fact]
    public void NewPod_OnlyItsRowIsCreated_TheOthersAreKeptAndNotRendered()
    {
        var page = RenderWithPods();
        var before = page.FindComponents<PodRow>().Select(r => r.Instance).ToList();
        var renders = page.FindComponents<PodRow>().Select(r => r.RenderCount).ToList();

        Feed.Publish(new PodUpdated(Labelled("newest", "web") with { CreatedAt = Now }));

        page.WaitForAssertion(() => Assert.Equal(4, page.FindComponents<PodRow>().Count));
        var after = page.FindComponents<PodRow>();
        Assert.Equal("newest", after[0].Instance.Pod.Name);
        Assert.Equal(before, after.Skip(1).Select(r => r.Instance));
        Assert.Equal(renders, after.Skip(1).Select(r => r.RenderCount));
    }

    [Fact]
    public void ChangedPod_ItsRowIsKeptAndRenderedAgain_TheOthersAreNot()
    {
        var page = RenderWithPods();
        var before = page.FindComponents<PodRow>().ToDictionary(r => r.Instance.Pod.Name, r => (r.Instance, r.RenderCount));

        // A new record for web-2 (as every change of a pod publishes): its row must follow it in place, not be replaced.
        Feed.Publish(new PodUpdated(Labelled("web-2", "web", PodPhases.Running, "agent-c.local")));

        page.WaitForAssertion(() => Assert.Contains("agent-c.local", page.FindAll("tbody tr").Single(r => r.TextContent.Contains("web-2")).TextContent));
        var after = page.FindComponents<PodRow>().ToDictionary(r => r.Instance.Pod.Name, r => (r.Instance, r.RenderCount));
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Same(before["web-2"].Instance, after["web-2"].Instance);
        Assert.Equal(before["web-2"].RenderCount + 1, after["web-2"].RenderCount);
        Assert.Equal(before["web-1"], after["web-1"]);
        Assert.Equal(before["db-1"], after["db-1"]);
    }

    [Fact]
    public void Viewer_NoEditButtons()
    {
        SignInAs(ClusterRoles.Viewer);
        var page = RenderWithPods();

        Assert.Equal(3, PodRows(page).Count);
        Assert.Empty(page.FindAll("button[aria-label^='Edit labels of']"));
    }

    [Fact]
    public void Search_Text_OnlyMatchingRows()
    {
        var page = RenderWithPods();

        page.Find("input[placeholder='name, namespace or agent']").Input("agent-b");

        page.WaitForAssertion(() =>
        {
            Assert.Single(PodRows(page));
            Assert.Contains("db-1", PodRows(page)[0]);
            Assert.Contains("1 of 3 pods", page.Markup);
        });
    }

    [Fact]
    public void Selector_Valid_OnlyMatchingRows()
    {
        var page = RenderWithPods();

        page.Find("input[placeholder='app=web,tier!=cache']").Input("app=web");

        page.WaitForAssertion(() =>
        {
            var rows = PodRows(page);
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Contains("web-", r));
        });
    }

    [Fact]
    public void Selector_Invalid_InlineErrorAndRowsKept()
    {
        var page = RenderWithPods();

        page.Find("input[placeholder='app=web,tier!=cache']").Input("app in (web");

        page.WaitForAssertion(() =>
        {
            var error = page.Find(".mud-input-helper-text.mud-input-error");
            Assert.Contains("expected", error.TextContent);
            Assert.Equal(3, PodRows(page).Count);
        });
    }

    [Fact]
    public void Filter_NothingMatches_SaysSo()
    {
        var page = RenderWithPods();

        page.Find("input[placeholder='name, namespace or agent']").Input("no-such-pod");

        page.WaitForAssertion(() => Assert.Contains("No pods match the filters", page.Markup));
    }

    [Fact]
    public async Task Render_ThousandsOfPods_CountsWithThousandsSeparators()
    {
        Feed.Publish(Enumerable.Range(0, 10_200).Select(i => (ClusterChange)new PodUpdated(Pod($"p-{i}", i < 1_200 ? PodPhases.Pending : PodPhases.Running))).ToList());
        var page = Render<Pods>();
        Assert.Equal("10,200", page.Find("section .mud-chip").TextContent.Trim());
        Assert.Equal("10,200 pods", page.Find("[role=status]").TextContent.Trim());
        page.Dispose();

        // The phase filter, as a link (or the phase box, through the URL) sets it.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/pods?phase=Pending");
        var filtered = Render<Pods>();

        Assert.Equal("1,200", filtered.Find("section .mud-chip").TextContent.Trim());
        Assert.Equal("1,200 of 10,200 pods", filtered.Find("[role=status]").TextContent.Trim());
        await Task.CompletedTask;
    }

    private BunitJSModuleInterop ScrollModule()
    {
        var module = JSInterop.SetupModule("./Components/Pages/Pods.razor.js");
        module.SetupVoid("scrollToTop", _ => true).SetVoidResult();
        return module;
    }

    [Fact]
    public void Search_Changed_TableScrolledToTopAfterFilteredRender()
    {
        var module = ScrollModule();
        var page = RenderWithPods();
        Assert.Empty(module.Invocations);

        page.Find("input[placeholder='name, namespace or agent']").Input("agent-b");

        page.WaitForAssertion(() => module.VerifyInvoke("scrollToTop"));
        // With the element that holds the table (the module finds MudTable's scroll container inside it).
        Assert.Single(PodRows(page));
        Assert.IsType<ElementReference>(module.Invocations["scrollToTop"][0].Arguments[0]);
    }

    [Fact]
    public async Task Phase_Changed_TableScrolledToTop()
    {
        var module = ScrollModule();
        var page = RenderWithPods();

        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(PodPhases.Running));

        page.WaitForAssertion(() => module.VerifyInvoke("scrollToTop"));
        Assert.Equal(2, PodRows(page).Count);
    }

    [Fact]
    public async Task Selector_InvalidOrUnchanged_TableNotScrolled()
    {
        var module = ScrollModule();
        var page = RenderWithPods();
        var selector = page.FindComponents<MudTextField<string>>().Single(c => c.Instance.Label == "Label selector");

        await page.InvokeAsync(() => selector.Instance.ValueChanged.InvokeAsync("app=web"));
        page.WaitForAssertion(() => module.VerifyInvoke("scrollToTop", calledTimes: 1));
        await page.InvokeAsync(() => selector.Instance.ValueChanged.InvokeAsync("app = web"));
        await page.InvokeAsync(() => selector.Instance.ValueChanged.InvokeAsync("app in (web"));

        page.WaitForAssertion(() => Assert.Contains("expected", page.Find(".mud-input-helper-text.mud-input-error").TextContent));
        module.VerifyInvoke("scrollToTop", calledTimes: 1);
    }

    [Fact]
    public void Render_Prerendering_FirstScreenfulOfRowsWithoutVirtualization()
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        Feed.Publish(Enumerable.Range(0, 40).Select(i => (ClusterChange)new PodUpdated(Pod($"p-{i:D2}") with { CreatedAt = Now.AddSeconds(i) })).ToList());

        var page = Render<Pods>();

        var rows = page.FindAll("tbody tr").Where(r => r.TextContent.Contains("p-")).ToList();
        Assert.Equal(25, rows.Count);
        Assert.Contains("p-39", rows[0].TextContent);
    }
}
