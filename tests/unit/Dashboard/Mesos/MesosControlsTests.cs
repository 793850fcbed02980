using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Logs;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Mesos.Embedded;
using KubeMesos.Tests.Unit.Support;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Dashboard.Mesos;

/// <summary>
/// The frameworks panel and the pod log pane rendered by bUnit against a real embedded master over loopback HTTP:
/// the panel reads GET_STATE, the pane follows the task's stdout through the agent's /files/read.
/// </summary>
public sealed class MesosControlsTests : DashboardTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private async Task<(TestMaster Test, Subscription Sub, Offer Offer)> RunningTaskAsync(TestMaster test, string podUid = "u1")
    {
        var sub = await test.SubscribeAsync(TestMaster.Framework("ours"));
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, podUid, "main"));
        await sub.AcknowledgeUntilAsync($"{podUid}.main", TaskState.TaskRunning);
        Feed.Publish(new SchedulerStatusChanged(new SchedulerStatusView(true, test.Http.BaseAddress!.ToString(), sub.FrameworkId.Value, null)));
        var operatorApi = new MasterOperatorClient(new PlainHttpClientFactory());
        Services.AddSingleton(operatorApi);
        Services.AddSingleton(new FrameworksSource(operatorApi, Feed, TimeProvider.System));
        return (test, sub, offer);
    }

    [Fact]
    public async Task FrameworksPanel_ListsEachFrameworkWithItsShareAndAgents()
    {
        await using var test = await TestMaster.StartAsync();
        var (_, sub, offer) = await RunningTaskAsync(test);
        await using var _ = sub;
        await using var other = await test.SubscribeAsync(TestMaster.Framework("analytics"));

        var panel = Render<FrameworksPanel>(p => p.Add(x => x.RefreshInterval, TimeSpan.FromMilliseconds(200)));

        panel.WaitForAssertion(() =>
        {
            var rows = panel.FindAll("tbody tr");
            Assert.Equal(2, rows.Count);
            Assert.Contains("ours", rows[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("0.6", rows[0].TextContent, StringComparison.Ordinal);
            Assert.Contains(offer.Hostname, rows[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("analytics", rows[1].TextContent, StringComparison.Ordinal);
            Assert.Contains("none", rows[1].TextContent, StringComparison.Ordinal);
        }, Wait);
        Assert.NotNull(panel.Find("[aria-label='Frameworks sharing the cluster']"));
        Assert.Contains("ours dominant share 5% (cpus)", panel.Find("tbody tr [role='progressbar']").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodLogPane_ShowsTheSandboxLogAndFollowsNewLines()
    {
        await using var test = await TestMaster.StartAsync(o => o.TaskOutputInterval = TimeSpan.FromMilliseconds(100));
        using var store = new InMemoryObjectStore(watchHistory: 100);
        var pod = await store.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
            Status = new V1PodStatus { Phase = PodPhases.Running },
        }, Xunit.TestContext.Current.CancellationToken);

        // Launched as our scheduler launches a pod: executor pod.<uid>, task <uid>.main; the pod then names its agent.
        var (_, sub, offer) = await RunningTaskAsync(test, pod.Metadata.Uid);
        await using var _ = sub;
        pod.Metadata.Annotations = new Dictionary<string, string> { [PodViews.AgentIdAnnotation] = offer.AgentId.Value };
        await store.UpdateAsync(pod, Xunit.TestContext.Current.CancellationToken);
        Services.AddSingleton(new PodLogService(store, Feed, new SandboxLocator(new PlainHttpClientFactory(), new MasterOperatorClient(new PlainHttpClientFactory())),
            Options.Create(new SchedulerOptions()), TimeProvider.System));

        var pane = Render<PodLogPane>(p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "web"));

        pane.WaitForAssertion(() => Assert.Contains($"Starting task {pod.Metadata.Uid}.main", pane.Find("pre").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Logs of web/main", pane.Find("[role='log']").GetAttribute("aria-label"));

        // New output appears without a new render request: the pane follows.
        pane.WaitForAssertion(() => Assert.Contains("3 step(s) done", pane.Find("pre").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Following", pane.Find(".km-log-toolbar").TextContent, StringComparison.Ordinal);
    }
}
