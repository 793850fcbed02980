using Bunit;
using k8s.Models;
using LabelsPage = KubeMesos.Dashboard.Components.Pages.Labels;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Dashboard.Labels;

/// <summary>The label board over the base context's in-memory store and real ClusterWriter; the feed is written by the test.</summary>
public sealed class LabelsPageTests : DashboardTestContext
{
    public LabelsPageTests()
    {
        Services.AddSingleton(Options.Create(new ControllerOptions()));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static PodView View(string name, string? tier, string ns = "default") =>
        new(ns, name, PodPhases.Running, "agent-1", "a1", null, 0.1, 16,
            tier is null ? new Dictionary<string, string> { ["app"] = "shop" } : new Dictionary<string, string> { ["app"] = "shop", ["tier"] = tier },
            DateTimeOffset.UtcNow, null);

    /// <summary>web-1 (tier=web, behind service web), db-1 and db-2 (tier=db), plain (no tier); in the store and the feed.</summary>
    private async Task SeedAsync()
    {
        await Store.CreateAsync(LabelFixtures.Service("web", "web"), Ct);
        foreach (var (name, tier) in new[] { ("web-1", "web"), ("db-1", "db"), ("db-2", "db"), ("plain", (string?)null) })
        {
            var pod = LabelFixtures.Pod(name, tier);
            pod.Metadata.Uid = null;
            pod.Metadata.CreationTimestamp = null;
            await Store.CreateAsync(pod, Ct);
            Feed.Publish(new PodUpdated(View(name, tier)));
        }
    }

    private IRenderedComponent<LabelsPage> RenderBoard(string query = "?key=tier")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("labels" + query);
        return Render<LabelsPage>();
    }

    private static AngleSharp.Dom.IElement Column(IRenderedComponent<LabelsPage> page, string title) =>
        page.Find($"section[aria-label='Column {title}']");

    private static AngleSharp.Dom.IElement Card(IRenderedComponent<LabelsPage> page, string name) =>
        page.Find($".km-card[aria-label='{name}']");

    [Fact]
    public async Task Render_ColumnsByKeyValues_WithNoValueColumnAndCounts()
    {
        await SeedAsync();
        var page = RenderBoard();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(["Column db", "Column web", "Column no value"], page.FindAll("section[data-column]").Select(s => s.GetAttribute("aria-label")));
            Assert.Contains("db-1", Column(page, "db").TextContent);
            Assert.Contains("plain", Column(page, "no value").TextContent);
            Assert.Contains("4 pods by tier, in 3 columns", page.Markup);
        });
    }

    [Fact]
    public void Render_LabelValueWithMarkup_ShownAsText()
    {
        Feed.Publish(new PodUpdated(View("x", "<b>bold</b>")));
        var page = RenderBoard();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", page.Markup);
            Assert.Empty(page.FindAll(".km-column-title b"));
        });
    }

    [Fact]
    public async Task Click_ShiftClick_SelectAll_SelectionToolbar()
    {
        await SeedAsync();
        var page = RenderBoard();
        page.WaitForAssertion(() => Card(page, "db-1"));

        // A click's render may land after Click() returns when the live view renders at that moment: each is waited for.
        Card(page, "db-1").Click();
        page.WaitForAssertion(() => Assert.Equal("true", Card(page, "db-1").GetAttribute("aria-pressed")));
        Card(page, "db-2").Click(new Microsoft.AspNetCore.Components.Web.MouseEventArgs { ShiftKey = true });
        page.WaitForAssertion(() => Assert.Equal("true", Card(page, "db-2").GetAttribute("aria-pressed")));
        page.WaitForAssertion(() => Assert.Contains("2 selected", page.Find("[role=toolbar]").TextContent));

        page.Find("button[aria-label='Select all in web']").Click();
        page.WaitForAssertion(() => Assert.Contains("3 selected", page.Find("[role=toolbar]").TextContent));
    }

    [Fact]
    public async Task Toolbar_InvalidKey_InlineError_NoPreview()
    {
        await SeedAsync();
        var page = RenderBoard();
        page.WaitForAssertion(() => Card(page, "db-1"));
        Card(page, "db-1").Click();

        page.Find("[role=toolbar] input").Input("bad key");
        page.FindAll("[role=toolbar] button").Single(b => b.TextContent.Contains("Add label")).Click();

        page.WaitForAssertion(() => Assert.Contains("name part must consist of alphanumeric characters", page.Markup));
        Assert.DoesNotContain("Impact preview", page.Markup);
    }

    [Fact]
    public async Task DragToColumn_PreviewShowsServiceGain_ApplyWritesThroughTheWriter()
    {
        await SeedAsync();
        var page = RenderBoard();
        page.WaitForAssertion(() => Card(page, "db-1"));

        Card(page, "db-1").DragStart();
        Column(page, "web").Drop();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Impact preview", page.Markup);
            Assert.Contains("tier=web on 1 pod", page.Markup);
            Assert.Contains("service web: +1 endpoint", page.Markup);
            Assert.Contains("1 \u2192 2 ready endpoints", page.Markup);
        });

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Apply").Click();

        page.WaitForAssertion(() => Assert.Contains("1 applied", page.Markup));
        var stored = await Store.GetAsync<V1Pod>("default", "db-1", Ct);
        Assert.Equal("web", stored!.Metadata.Labels["tier"]);
        Assert.Equal("shop", stored.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task DragSelectedCardToNoValue_RemovesKeyFromTheWholeSelection()
    {
        await SeedAsync();
        var page = RenderBoard();
        page.WaitForAssertion(() => Card(page, "db-1"));
        page.Find("button[aria-label='Select all in db']").Click();

        Card(page, "db-2").DragStart();
        Column(page, "no value").Drop();
        page.WaitForAssertion(() => Assert.Contains("tier- on 2 pods", page.Markup));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Apply").Click();

        page.WaitForAssertion(() => Assert.Contains("2 applied", page.Markup));
        foreach (var name in new[] { "db-1", "db-2" })
        {
            Assert.False((await Store.GetAsync<V1Pod>("default", name, Ct))!.Metadata.Labels.ContainsKey("tier"));
        }
    }

    [Fact]
    public async Task Apply_PodDeletedSincePreview_NewPreviewShownNothingWritten()
    {
        await SeedAsync();
        var page = RenderBoard();
        page.WaitForAssertion(() => Card(page, "db-1"));
        Card(page, "db-1").DragStart();
        Column(page, "web").Drop();
        page.WaitForAssertion(() => Assert.Contains("service web: +1 endpoint", page.Markup));

        await Store.DeleteAsync<V1Pod>("default", "db-1", cancellationToken: Ct);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Apply").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("The cluster changed since this preview was computed", page.Markup);
            Assert.Contains("1 pod is gone: default/db-1", page.Markup);
            Assert.DoesNotContain("service web: +1 endpoint", page.Markup);
            Assert.True(page.FindAll("button").Single(b => b.TextContent.Trim() == "Apply").HasAttribute("disabled"));
        });
    }

    [Fact]
    public async Task DropOnOwnColumn_ProposesNothing()
    {
        await SeedAsync();
        var page = RenderBoard();
        page.WaitForAssertion(() => Card(page, "db-1"));

        Card(page, "db-1").DragStart();
        Column(page, "db").Drop();

        Assert.DoesNotContain("Impact preview", page.Markup);
    }

    [Fact]
    public void ManyInAColumn_CappedWithShowMore()
    {
        // Enough to pass the cap and show the thousands separator in the count, few enough to render cheaply.
        Feed.Publish(Enumerable.Range(0, 1_050).Select(i => (ClusterChange)new PodUpdated(View($"p{i:0000}", "web"))).ToList());
        var page = RenderBoard();

        page.WaitForAssertion(() => Assert.Equal(100, page.FindAll(".km-card").Count));
        Assert.Contains("1,050", Column(page, "web").TextContent);
        page.FindAll("button").Single(b => b.TextContent.Contains("Show more (950 hidden)")).Click();

        page.WaitForAssertion(() => Assert.Equal(600, page.FindAll(".km-card").Count));
    }

    [Fact]
    public async Task Live_PodRelabelledElsewhere_MovesColumn()
    {
        await SeedAsync();
        var page = RenderBoard();
        page.WaitForAssertion(() => Assert.Contains("db-1", Column(page, "db").TextContent));

        Feed.Publish(new PodUpdated(View("db-1", "web")));

        page.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("db-1", Column(page, "db").TextContent);
            Assert.Contains("db-1", Column(page, "web").TextContent);
        });
    }

    [Fact]
    public async Task Selector_InUrl_MarksMatches_InvalidShowsParseError()
    {
        await SeedAsync();
        var page = RenderBoard("?key=tier&selector=tier%3Ddb");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("2 of 4 match", page.Markup);
            Assert.Equal(2, page.FindAll(".km-card.km-match").Count);
        });

        page.Find("input[placeholder='tier in (web,db),!canary']").Input("tier in (db");
        page.WaitForAssertion(() => Assert.Contains("unable to parse label selector", page.Markup));
    }

    [Fact]
    public async Task NamespaceParam_FiltersBoard_AndKeyChangeWritesUrl()
    {
        await SeedAsync();
        Feed.Publish(new PodUpdated(View("elsewhere", "web", ns: "other")));
        var page = RenderBoard("?ns=other&key=tier");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("elsewhere", page.Markup);
            // The cards, not the markup: a pod's uid (a random GUID in an attribute) can hold "db-1".
            Assert.Empty(page.FindAll(".km-card[aria-label='db-1']"));
        });

        page.FindAll("button").Single(b => b.TextContent.Contains("Agents")).Click();
        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("show=agents", uri);
        Assert.Contains("ns=other", uri);
    }

    [Fact]
    public void Agents_GroupedByNodeLabel()
    {
        Feed.Publish(
        [
            new AgentUpdated(Agent("a1", "host-1", 0, 4, 0, 4096) with { Attributes = new Dictionary<string, string> { ["zone"] = "a" } }),
            new AgentUpdated(Agent("a2", "host-2", 0, 4, 0, 4096) with { Attributes = new Dictionary<string, string> { ["zone"] = "b" } }),
        ]);
        var page = RenderBoard("?show=agents&key=topology.kubernetes.io/zone");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("host-1", Column(page, "a").TextContent);
            Assert.Contains("host-2", Column(page, "b").TextContent);
            Assert.Equal("false", Card(page, "host-1").GetAttribute("draggable"));
        });
    }
}
