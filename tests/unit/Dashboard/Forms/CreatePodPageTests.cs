using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Components.Pages;
using KubeMesos.Framework.Scheduling.Insight;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class CreatePodPageTests : FormsTestContext
{
    private IRenderedComponent<CreatePod> RenderPage() => Render<CreatePod>();

    private static Task SubmitAsync(IRenderedComponent<CreatePod> page) => page.Find("form[aria-label='Create pod']").SubmitAsync();

    [Fact]
    public async Task Submit_Invalid_InlineErrorsAndNothingCreated()
    {
        var page = RenderPage();
        page.Find("#pod-name").Change("Web_1");
        page.Find("#container-0-requests-cpu").Change("lots");

        await SubmitAsync(page);

        page.WaitForAssertion(() =>
        {
            var errors = page.FindAll(".mud-input-error").Select(e => e.TextContent).ToList();
            Assert.Contains(errors, e => e.Contains("RFC 1123 subdomain", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("Required value", StringComparison.Ordinal)); // container name and image
            Assert.Contains(errors, e => e.Contains("quantities must match", StringComparison.Ordinal));
        });
        Assert.Contains("nothing was created", page.Find(".km-form-invalid").TextContent, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync<V1Pod>());
    }

    [Fact]
    public void Change_InvalidName_ErrorBeforeSubmit_OtherFieldsQuiet()
    {
        var page = RenderPage();

        page.Find("#pod-name").Change("-bad");

        // One field in error: MudBlazor marks its control, input, label and helper text with .mud-input-error, so count
        // the controls.
        page.WaitForAssertion(() => Assert.Contains("RFC 1123 subdomain", Assert.Single(page.FindAll(".mud-input-control.mud-input-error")).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Change_Name_OnlyTheNameSectionRendersAgain()
    {
        var page = RenderPage();
        var container = page.FindComponent<ContainerEditor>();
        var labels = page.FindComponents<KeyValueEditor>();
        var (containerRenders, labelRenders) = (container.RenderCount, labels.Select(l => l.RenderCount).ToList());
        var nameFields = page.FindComponent<ObjectNameFields>().RenderCount;

        page.Find("#pod-name").Change("-bad");

        page.WaitForAssertion(() => Assert.Contains("RFC 1123 subdomain", page.Find(".mud-input-control.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.True(page.FindComponent<ObjectNameFields>().RenderCount > nameFields);
        Assert.Equal(containerRenders, container.RenderCount); // its values and errors did not change
        Assert.Equal(labelRenders, labels.Select(l => l.RenderCount));
        Assert.Contains("name: -bad", page.Find(".km-yaml").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterChanges_FormDoesNotFollowThem_NoRender()
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // the Pods page asks
        var page = RenderPage();
        var before = page.RenderCount;
        var pods = Render<KubeMesos.Dashboard.Components.Pages.Pods>();

        Feed.Publish([new KubeMesos.Shared.Contracts.PodUpdated(Pod("web-9"))]);

        pods.WaitForAssertion(() => Assert.Contains("web-9", pods.Markup, StringComparison.Ordinal)); // the change arrived
        Assert.Equal(before, page.RenderCount);
    }

    [Fact]
    public void Fill_ValidPod_FitLineFromTheSchedulersDryRun()
    {
        AnswerFits(r => new FitResult(0, 0, r, new Dictionary<string, int>(), new Dictionary<string, int> { ["0/2 agents can ever fit: 64 cpus asked, the largest agent has 16"] = r }));
        var page = RenderPage();
        Assert.Contains("Fill in the containers", page.Find("[aria-label='Will it fit']").TextContent, StringComparison.Ordinal);

        page.Find("#container-0-name").Change("main");
        page.Find("#container-0-image").Change("nginx");
        page.Find("#container-0-requests-cpu").Change("64");

        page.WaitForAssertion(() => Assert.Contains("Never fits: 0/2 agents can ever fit: 64 cpus asked", page.Find("[aria-label='Will it fit']").TextContent, StringComparison.Ordinal));
        var asked = Assert.Single(FitQuestions);
        Assert.Equal("64", asked.Pod.Spec.Containers[0].Resources.Requests["cpu"].ToString());
    }

    [Fact]
    public async Task Submit_TwoContainersHostPortNodeSelector_CreatedThroughTheWriterThenDetailPage()
    {
        // A click's render can come after Click() returns (the fit line's debounced answer may hold the renderer's
        // dispatcher at that moment), so each added row is waited for, not assumed; and each button is found and clicked
        // in one dispatch, since a render between the two would retire its handler.
        var page = RenderPage();
        page.Find("#pod-name").Change("web-1");
        page.Find("#container-0-name").Change("web");
        page.Find("#container-0-image").Change("nginx:1.27");
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Add port", StringComparison.Ordinal)).Click());
        page.WaitForElement("#container-0-port-0").Change("80");
        page.Find("#container-0-hostport-0").Change("31080");
        page.Find("#container-0-requests-cpu").Change("250m");
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Add container", StringComparison.Ordinal)).Click());
        page.WaitForElement("#container-1-name").Change("sidecar");
        page.Find("#container-1-image").Change("busybox");
        page.Find("#container-1-command").Change("sh -c \"sleep 3600\"");
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Add node selector", StringComparison.Ordinal)).Click());
        page.WaitForElement("#node-selector-key-0").Change("k8s.mesosphere.io/attribute-rack");
        page.Find("#node-selector-value-0").Change("r1");
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Add label", StringComparison.Ordinal)).Click());
        page.WaitForElement("#label-key-0").Change("app");
        page.Find("#label-value-0").Change("web");

        page.WaitForAssertion(() => Assert.Contains("hostPort: 31080", page.Find(".km-yaml").TextContent, StringComparison.Ordinal));
        await SubmitAsync(page);

        page.WaitForAssertion(() => Assert.EndsWith("/pods/default/web-1", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        var pod = Assert.Single(await StoredAsync<V1Pod>());
        Assert.Equal("Pending", pod.Status.Phase); // the API's defaulting ran
        Assert.Equal(["web", "sidecar"], pod.Spec.Containers.Select(c => c.Name));
        Assert.Equal(31080, pod.Spec.Containers[0].Ports[0].HostPort);
        Assert.Equal(["sh", "-c", "sleep 3600"], pod.Spec.Containers[1].Command);
        Assert.Equal("r1", pod.Spec.NodeSelector["k8s.mesosphere.io/attribute-rack"]);
        Assert.Equal("web", pod.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task Submit_NameTaken_ApiRefusalShownOnNameAndOnTop()
    {
        await Store.CreateAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "default" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "x" }] } }, Ct);
        var page = RenderPage();
        page.Find("#pod-name").Change("web-1");
        page.Find("#container-0-name").Change("main");
        page.Find("#container-0-image").Change("nginx");

        await SubmitAsync(page);

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Find(".mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("already exists", page.Find(".mud-alert[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Single(await StoredAsync<V1Pod>());
    }

    [Fact]
    public async Task ImportYaml_FillForm_FieldsAndYamlFilled_NothingCreated()
    {
        var provider = Render<MudDialogProvider>();
        var page = RenderPage();

        // Not awaited: the click's handler awaits the dialog's result, which comes with Fill form below.
        var importing = page.FindAll("button").Single(b => b.TextContent.Contains("Import YAML", StringComparison.Ordinal)).ClickAsync(new());
        provider.WaitForAssertion(() => provider.Find("#import-yaml"));
        provider.Find("#import-yaml").Input("""
            apiVersion: v1
            kind: Pod
            metadata: {name: from-yaml, namespace: shop, labels: {app: yaml}}
            spec:
              nodeSelector: {kubernetes.io/hostname: agent-2}
              containers:
              - {name: a, image: nginx, ports: [{containerPort: 80, hostPort: 0}]}
              - {name: b, image: busybox, args: [sleep, "3600"]}
            """);
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Fill form").ClickAsync(new());

        await importing.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the dialog closed, the form is filled
        page.WaitForAssertion(() => Assert.Equal("from-yaml", page.Find("#pod-name").GetAttribute("value")));
        Assert.Equal("busybox", page.Find("#container-1-image").GetAttribute("value"));
        Assert.Equal("sleep 3600", page.Find("#container-1-args").GetAttribute("value"));
        Assert.Equal("agent-2", page.Find("#node-selector-value-0").GetAttribute("value"));
        Assert.Contains("namespace: shop", page.Find(".km-yaml").TextContent, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync<V1Pod>());
    }
}
