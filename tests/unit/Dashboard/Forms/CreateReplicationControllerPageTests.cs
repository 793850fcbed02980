using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Framework.Scheduling.Insight;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class CreateReplicationControllerPageTests : FormsTestContext
{
    private static void FillValid(IRenderedComponent<CreateReplicationController> page)
    {
        page.Find("#rc-name").Change("web");
        page.Find("#rc-replicas").Change("3");
        page.Find("#template-label-key-0").Change("app");
        page.Find("#template-label-value-0").Change("web");
        page.Find("#container-0-name").Change("main");
        page.Find("#container-0-image").Change("nginx");
    }

    [Fact]
    public async Task Selector_NotMatchingTemplate_CheckedInline_NothingCreated()
    {
        var page = Render<CreateReplicationController>();
        FillValid(page);
        // Found and clicked in one dispatch: a render between the two (the form's preview after the last change) would
        // retire the button's handler.
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Add selector", StringComparison.Ordinal)).Click());
        page.WaitForElement("#selector-key-0").Change("app");
        page.Find("#selector-value-0").Change("api");

        page.WaitForAssertion(() => Assert.Contains("Does not match the template's labels", page.Find("[aria-label='Selector check']").TextContent, StringComparison.Ordinal));
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("`selector` does not match template `labels`", page.Find(".km-field-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(await StoredAsync<V1ReplicationController>());
    }

    [Fact]
    public async Task TypeReplicas_FitLineCountsTheReplicasThatFit()
    {
        // Two agents with room for one replica each.
        AnswerFits(r => new FitResult(Math.Min(r, 2), 0, Math.Max(r - 2, 0), new Dictionary<string, int> { ["agent-1"] = 1, ["agent-2"] = Math.Min(r, 2) - 1 },
            r > 2 ? new Dictionary<string, int> { [FitCalculator.OutOfRoom(2)] = r - 2 } : new Dictionary<string, int>()));
        var page = Render<CreateReplicationController>();
        FillValid(page);

        page.WaitForAssertion(() => Assert.Contains("2 of 3 replicas fit; 1 never: the known agents' totals hold 2", page.Find("[aria-label='Will it fit']").TextContent, StringComparison.Ordinal));
        page.Find("#rc-replicas").Change("2");

        page.WaitForAssertion(() => Assert.Contains("2 of 2 replicas fit now", page.Find("[aria-label='Will it fit']").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("never", page.Find("[aria-label='Will it fit']").TextContent, StringComparison.Ordinal);
        Assert.Contains(FitQuestions, q => q.Replicas == 3);
        Assert.Empty(await StoredAsync<V1ReplicationController>()); // a dry run creates nothing
    }

    [Fact]
    public async Task Submit_UseTemplateLabels_CreatedWithThreeReplicasThenDetailPage()
    {
        var page = Render<CreateReplicationController>();
        FillValid(page);
        // Found and clicked in one dispatch: a render between the two (the form's preview after the last change) would
        // retire the button's handler.
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Use template labels", StringComparison.Ordinal)).Click());
        page.WaitForAssertion(() => Assert.Contains("Matches the template's labels", page.Find("[aria-label='Selector check']").TextContent, StringComparison.Ordinal));

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.EndsWith("/replicationcontrollers/default/web", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        var rc = Assert.Single(await StoredAsync<V1ReplicationController>());
        Assert.Equal(3, rc.Spec.Replicas);
        Assert.Equal("web", rc.Spec.Selector["app"]);
        Assert.Equal("nginx", rc.Spec.Template.Spec.Containers[0].Image);
    }
}
