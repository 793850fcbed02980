using k8s.Models;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Nodes;
using KubeMesos.Framework.Store;
using KubeMesos.Tests.Unit.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Framework.Nodes;

/// <summary>A node whose agent left the master turns NotReady, and is deleted once <c>Nodes:DeleteNotReadyAfter</c> passed.</summary>
public sealed class NodeDeletionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTime s_lost = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static V1Node Node(string status, DateTime? since) => new()
    {
        Metadata = new V1ObjectMeta { Name = "agent-0" },
        Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = status, LastTransitionTime = since }] },
    };

    [Fact]
    public void GoneForGood_OnlyANotReadyNode_OnceTheGraceHasPassed()
    {
        var grace = TimeSpan.FromMinutes(15);

        Assert.False(NodeBuilder.GoneForGood(Node("False", s_lost), s_lost.AddMinutes(14), grace));
        Assert.True(NodeBuilder.GoneForGood(Node("False", s_lost), s_lost.AddMinutes(15), grace));
        Assert.False(NodeBuilder.GoneForGood(Node("True", s_lost), s_lost.AddDays(1), grace));
        Assert.True(NodeBuilder.GoneForGood(Node("Unknown", null), s_lost, grace));
        Assert.True(NodeBuilder.GoneForGood(Node("False", s_lost), s_lost, TimeSpan.Zero));
    }

    [Fact]
    public async Task RemovedAgent_NodeGoesNotReady_ThenIsDeleted_TheOthersStay()
    {
        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Embedded:AgentCount"] = "2",
            ["Nodes:SyncInterval"] = "00:00:00.200",
            ["Nodes:DeleteNotReadyAfter"] = "00:00:01",
        });
        var store = host.Services.GetRequiredService<IObjectStore>();
        var master = host.Services.GetRequiredService<EmbeddedMesosMaster>();
        var agents = master.GetAgents();
        await StoreWaiter.WaitForReadyNodesAsync(store, agents.Select(a => a.Hostname), Timeout);
        var since = (await store.ListAsync<V1Node>(new StoreListOptions(), TestContext.Current.CancellationToken)).ResourceVersion;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        var events = new List<(StoreWatchEventType Type, string Name, bool Ready)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in store.WatchAsync<V1Node>(null, since, timeout.Token))
            {
                events.Add((e.Type, e.Object.Metadata.Name, NodeBuilder.IsReady(e.Object)));
                if (e.Type == StoreWatchEventType.Deleted)
                {
                    return;
                }
            }
        }, timeout.Token);

        Assert.True(master.RemoveAgent(agents[0].AgentId));
        await watching;

        var removed = agents[0].Hostname;
        Assert.Equal([(StoreWatchEventType.Modified, removed, false), (StoreWatchEventType.Deleted, removed, false)],
            events.Where(e => e.Name == removed).TakeLast(2));
        Assert.Null(await store.GetAsync<V1Node>(null, removed, TestContext.Current.CancellationToken));
        Assert.NotNull(await store.GetAsync<V1Node>(null, agents[1].Hostname, TestContext.Current.CancellationToken));
    }
}
