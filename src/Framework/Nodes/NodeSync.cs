using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MasterCall = Mesos.V1.Master.Call;

namespace KubeMesos.Framework.Nodes;

/// <summary>
/// Mirrors the master's agents (operator API GET_AGENTS, so every agent, not only those that offered to us) into the
/// store as nodes: a new agent's node is created (its creation time then survives restarts), a changed one updated,
/// a node whose agent the master no longer has turns NotReady, and is deleted once it has been NotReady for
/// <see cref="NodeSyncOptions.DeleteNotReadyAfter"/>. Runs every <see cref="NodeSyncOptions.SyncInterval"/>
/// and at once when the framework hears of an agent change (offers, FAILURE).
/// </summary>
public sealed partial class NodeSync(
    IObjectStore store, IClusterFeed feed, MasterOperatorClient master, IOptions<NodeSyncOptions> options, TimeProvider time, ILogger<NodeSync> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe();
        var changes = subscription.ReadBatchAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or StoreConflictException or StoreNotFoundException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogSyncFailed(ex.Message);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(options.Value.SyncInterval, time, wait.Token);
            while (true)
            {
                var done = await Task.WhenAny(changes, delay).ConfigureAwait(false);
                if (done == delay)
                {
                    break;
                }

                var batch = await changes.ConfigureAwait(false);
                changes = subscription.ReadBatchAsync(stoppingToken).AsTask();
                if (batch.Any(c => c is AgentRemoved or SchedulerStatusChanged || (c is AgentUpdated u && !Known(u.Agent))))
                {
                    break;
                }
            }

            await wait.CancelAsync().ConfigureAwait(false);
            await delay.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private bool Known(AgentView agent) => _known.Contains(agent.AgentId);

    /// <summary>One pass: reads the agents from the master and brings the stored nodes in line.</summary>
    public async Task SyncOnceAsync(CancellationToken ct)
    {
        var scheduler = feed.Current.Scheduler;
        if (!scheduler.Connected || !Uri.TryCreate(scheduler.Master, UriKind.Absolute, out var masterUri))
        {
            return;
        }

        var agents = (await master.CallAsync(masterUri, MasterCall.Types.Type.GetAgents, ct).ConfigureAwait(false)).GetAgents?.Agents ?? [];
        var now = time.GetUtcNow().UtcDateTime;
        var stored = (await store.ListAsync<V1Node>(new StoreListOptions(), ct).ConfigureAwait(false)).Items.ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _known.Clear();
        foreach (var agent in agents)
        {
            var desired = NodeBuilder.Build(agent, now);
            seen.Add(desired.Metadata.Name);
            _known.Add(agent.AgentInfo.Id?.Value ?? "");
            if (!stored.TryGetValue(desired.Metadata.Name, out var existing))
            {
                await store.CreateAsync(desired, ct).ConfigureAwait(false);
                LogNode(desired.Metadata.Name, "registered");
            }
            else if (NodeBuilder.Differs(existing, desired))
            {
                desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await store.UpdateAsync(desired, ct).ConfigureAwait(false);
                LogNode(desired.Metadata.Name, NodeBuilder.IsReady(existing) ? "changed" : "Ready again");
            }
        }

        foreach (var node in stored.Values.Where(n => !seen.Contains(n.Metadata.Name)))
        {
            if (NodeBuilder.IsReady(node))
            {
                node.Status.Conditions = [NodeBuilder.Ready(false, now)];
                await store.UpdateAsync(node, ct).ConfigureAwait(false);
                LogNode(node.Metadata.Name, "NotReady: its agent left the master");
            }
            else if (NodeBuilder.GoneForGood(node, now, options.Value.DeleteNotReadyAfter))
            {
                await DeleteAsync(node, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task DeleteAsync(V1Node node, CancellationToken ct)
    {
        try
        {
            // Only the NotReady version we read: an agent that came back in between keeps its node.
            await store.DeleteAsync<V1Node>(null, node.Metadata.Name, node.Metadata.ResourceVersion, ct).ConfigureAwait(false);
            LogNode(node.Metadata.Name, $"deleted: its agent has been gone longer than Nodes:DeleteNotReadyAfter ({options.Value.DeleteNotReadyAfter})");
        }
        catch (Exception ex) when (ex is StoreNotFoundException or StoreConflictException)
        {
            // Someone else (kubectl delete node, another replica, the next sync) was first.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} {What}")]
    private partial void LogNode(string node, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node sync failed, retrying: {Error}")]
    private partial void LogSyncFailed(string error);
}
