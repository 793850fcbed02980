using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using V3Electionpb;

namespace KubeMesos.Framework.Leadership;

/// <summary>
/// Leader election among the replicas sharing one etcd, with etcd's own election service (v3election): each replica
/// grants a lease of <see cref="LeadershipOptions.LeaseTtl"/>, keeps it alive, and campaigns with it; etcd makes the
/// candidate whose key (bound to its lease) was created first the leader, and the next one when that key goes (the
/// leader's lease expired or was revoked). Every replica watches the election's keys to know who leads.
/// <para>
/// A leader that loses its lease (a keep-alive answered "expired", none answered before the lease would run out, or its
/// key vanished from the election) stops the leader-only services at once, before anything else, and then ends the
/// process with exit code 1, as kube-scheduler and kube-controller-manager do: the scheduler's offers, queue and task
/// book belong to the term that built them, and a fresh process is the one sure way that none of it leaks into a later
/// term. The supervisor (systemd, Kubernetes, Docker's restart policy) starts it again, as a follower.
/// </para>
/// </summary>
public sealed partial class EtcdLeaderElection : BackgroundService
{
    private readonly Lease.LeaseClient _leases;
    private readonly Election.ElectionClient _election;
    private readonly KV.KVClient _kv;
    private readonly Watch.WatchClient _watch;
    private readonly LeadershipState _state;
    private readonly LeaderGate _gate;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<EtcdLeaderElection> _logger;
    private readonly LeadershipOptions _options;
    private readonly ByteString _name;
    private readonly ByteString _candidates;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _term;
    private long _leaseId;
    private bool _leading;
    private bool _led;

    // The etcd revision at which this replica's candidate key was created: a read of the election older than that
    // cannot know the key, and must not be taken for its loss.
    private long _keyRevision;
    private Task _stopped = Task.CompletedTask;

    public EtcdLeaderElection(
        LeadershipEtcd etcd,
        IOptions<LeadershipOptions> options,
        LeadershipState state,
        LeaderGate gate,
        IHostApplicationLifetime lifetime,
        TimeProvider timeProvider,
        ILogger<EtcdLeaderElection> logger)
    {
        _options = options.Value;
        var connection = etcd.Client.GetConnection();
        _leases = connection.LeaseClient;
        _election = connection.ElectionClient;
        _kv = connection.KVClient;
        _watch = connection.WatchClient;
        _state = state;
        _gate = gate;
        _lifetime = lifetime;
        _time = timeProvider;
        _logger = logger;
        _name = ByteString.CopyFromUtf8(_options.ElectionName);

        // v3election keeps each candidate at "<name>/<lease id in hex>".
        _candidates = ByteString.CopyFromUtf8(_options.ElectionName + "/");
    }

    private int TtlSeconds => (int)Math.Ceiling(_options.LeaseTtl.TotalSeconds);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _state.Elected = true;
        await _gate.FollowAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        StopLeading();
        await _stopped.ConfigureAwait(false);
        await _gate.StopAsync().ConfigureAwait(false);

        // Revoking the lease deletes this replica's key: a follower takes over now instead of after the TTL.
        if (Interlocked.Exchange(ref _leaseId, 0) is var leaseId and not 0)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _leases.LeaseRevokeAsync(new LeaseRevokeRequest { ID = leaseId }, cancellationToken: timeout.Token).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                LogRevokeFailed(ex.Status.Detail);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var observing = ObserveAsync(stoppingToken);
        try
        {
            await CampaignAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await observing.ConfigureAwait(false);
        }
    }

    /// <summary>Campaigns until this replica leads, leads until its lease is lost, then ends the process.</summary>
    private async Task CampaignAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var keepAlive = Task.CompletedTask;
            try
            {
                var grant = await _leases.LeaseGrantAsync(new LeaseGrantRequest { TTL = TtlSeconds }, cancellationToken: stoppingToken).ConfigureAwait(false);
                var granted = _time.GetUtcNow();
                Volatile.Write(ref _leaseId, grant.ID);
                keepAlive = KeepAliveAsync(grant.ID, granted + TimeSpan.FromSeconds(grant.TTL), term);
                LogCampaigning(_state.Current.Self, grant.ID, grant.TTL);
                var won = await _election.CampaignAsync(
                    new CampaignRequest { Name = _name, Lease = grant.ID, Value = Value(null) }, cancellationToken: term.Token).ConfigureAwait(false);
                var since = _time.GetUtcNow();
                await _election.ProclaimAsync(new ProclaimRequest { Leader = won.Leader, Value = Value(since) }, cancellationToken: term.Token).ConfigureAwait(false);
                lock (_lock)
                {
                    term.Token.ThrowIfCancellationRequested();
                    _leading = true;
                    _led = true;
                    _keyRevision = won.Leader.Rev;
                }

                _state.LeaseId = grant.ID;
                _state.Set(_state.Current.Self, since);
                LogElected(_state.Current.Self, grant.ID);
                await _gate.LeadAsync(term.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled } && term.IsCancellationRequested)
            {
                // Shutting down, or the term ended (lease lost) while campaigning or starting to lead.
            }
            catch (RpcException ex)
            {
                LogElectionFailed(ex.Status.Detail);
                LoseTerm(term);
            }

            // Until the lease is lost (or the app stops); at once when the campaign already failed.
            await keepAlive.ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested || await EndTermAsync().ConfigureAwait(false))
            {
                return;
            }

            // A follower whose lease ran out simply campaigns again with a new one; etcd may be back, or not yet.
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>After a term: true when this replica had led (its services are stopped and the process is ending).</summary>
    private async Task<bool> EndTermAsync()
    {
        Volatile.Write(ref _leaseId, 0);
        bool led;
        lock (_lock)
        {
            led = _led;
        }

        if (!led)
        {
            return false;
        }

        StopLeading();
        await _stopped.ConfigureAwait(false);
        LogExiting(_state.Current.Self);
        Environment.ExitCode = 1;
        _lifetime.StopApplication();
        return true;
    }

    /// <summary>
    /// Keeps the lease alive every third of its TTL; returns when it is lost: etcd answered that it expired, or no answer
    /// came before it would run out by this replica's clock (etcd unreachable). Losing it stops leading at once.
    /// </summary>
    private async Task KeepAliveAsync(long leaseId, DateTimeOffset expires, CancellationTokenSource termSource)
    {
        var term = termSource.Token;
        lock (_lock)
        {
            _term = termSource;
        }

        try
        {
            while (!term.IsCancellationRequested)
            {
                try
                {
                    using var call = _leases.LeaseKeepAlive(cancellationToken: term);
                    while (true)
                    {
                        var sent = _time.GetUtcNow();
                        await call.RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = leaseId }, term).ConfigureAwait(false);
                        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(term);
                        deadline.CancelAfter(Remaining(expires));
                        if (!await call.ResponseStream.MoveNext(deadline.Token).ConfigureAwait(false))
                        {
                            break;
                        }

                        if (call.ResponseStream.Current.TTL <= 0)
                        {
                            LogLeaseLost(leaseId, "etcd says it expired");
                            return;
                        }

                        expires = sent + TimeSpan.FromSeconds(call.ResponseStream.Current.TTL);
                        await Task.Delay(_options.LeaseTtl / 3, _time, term).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!term.IsCancellationRequested && ex is RpcException or OperationCanceledException)
                {
                    if (ex is RpcException { StatusCode: StatusCode.NotFound })
                    {
                        LogLeaseLost(leaseId, "etcd no longer knows it");
                        return;
                    }

                    if (Remaining(expires) <= TimeSpan.Zero)
                    {
                        LogLeaseLost(leaseId, "no keep-alive answered before it ran out");
                        return;
                    }

                    // A broken stream while time is left: open another.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _time, term).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            LoseTerm(termSource);
        }
    }

    private TimeSpan Remaining(DateTimeOffset expires)
    {
        var left = expires - _time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The term is over: leader-only services are told to stop first, then the campaign or keep-alive is cancelled.</summary>
    private void LoseTerm(CancellationTokenSource? term)
    {
        StopLeading();
        try
        {
            term?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The term already ended.
        }
    }

    private void StopLeading()
    {
        lock (_lock)
        {
            if (!_leading)
            {
                return;
            }

            _leading = false;
            _stopped = _gate.StopLeadingAsync();
        }

        _state.LeaseId = 0;
        _state.Set(null, null);
        LogStoppedLeading(_state.Current.Self);
    }

    /// <summary>
    /// Follows the election: the leader is the candidate key under the election name with the lowest create revision
    /// (etcd's rule); every change of those keys is read again. A leader that no longer finds its own key stops leading.
    /// </summary>
    private async Task ObserveAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var revision = await ReadLeaderAsync(stoppingToken).ConfigureAwait(false);
                using var call = _watch.Watch(cancellationToken: stoppingToken);
                await call.RequestStream.WriteAsync(new WatchRequest
                {
                    CreateRequest = new WatchCreateRequest { Key = _candidates, RangeEnd = PrefixEnd(_candidates), StartRevision = revision + 1 },
                }, stoppingToken).ConfigureAwait(false);
                while (await call.ResponseStream.MoveNext(stoppingToken).ConfigureAwait(false))
                {
                    var response = call.ResponseStream.Current;
                    if (response.Canceled || response.CompactRevision != 0)
                    {
                        break;
                    }

                    if (response.Events.Count > 0)
                    {
                        await ReadLeaderAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is OperationCanceledException or RpcException)
            {
                return;
            }
            catch (RpcException ex)
            {
                LogObserveFailed(ex.Status.Detail);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Reads who leads now; returns the revision it read at.</summary>
    private async Task<long> ReadLeaderAsync(CancellationToken ct)
    {
        var response = await _kv.RangeAsync(new RangeRequest
        {
            Key = _candidates,
            RangeEnd = PrefixEnd(_candidates),
            SortTarget = RangeRequest.Types.SortTarget.Create,
            SortOrder = RangeRequest.Types.SortOrder.Ascend,
            Limit = 1,
        }, cancellationToken: ct).ConfigureAwait(false);
        var leader = response.Kvs.Count == 0 ? null : response.Kvs[0];
        bool leading;
        long keyRevision;
        lock (_lock)
        {
            (leading, keyRevision) = (_leading, _keyRevision);
        }

        // A read sent before the campaign created our key can come back after the campaign won: it shows no key (or
        // another leader's) only because it is older. Only a read at or after our key's revision can show it gone.
        if (leading && response.Header.Revision >= keyRevision && (leader is null || leader.Lease != Volatile.Read(ref _leaseId)))
        {
            LogLeaseLost(Volatile.Read(ref _leaseId), "its key left the election");
            CancellationTokenSource? term;
            lock (_lock)
            {
                term = _term;
            }

            LoseTerm(term);
            return response.Header.Revision;
        }

        // Our own key first while the campaign has not returned yet: the campaign announces it once this replica leads.
        if (leading || (leader is not null && leader.Lease == Volatile.Read(ref _leaseId)))
        {
            return response.Header.Revision;
        }

        var record = leader is null ? null : LeaderRecord.Parse(leader.Value.ToStringUtf8());
        var previous = _state.Current.Leader;
        _state.Set(record?.Replica, record?.Since);
        if (!string.Equals(previous, record?.Replica, StringComparison.Ordinal))
        {
            LogLeaderSeen(record?.Replica ?? "(none)");
        }

        return response.Header.Revision;
    }

    private ByteString Value(DateTimeOffset? since) => ByteString.CopyFromUtf8(new LeaderRecord(_state.Current.Self, since).ToJson());

    /// <summary>etcd's range end for "every key with this prefix".</summary>
    private static ByteString PrefixEnd(ByteString prefix)
    {
        var bytes = prefix.ToByteArray();
        bytes[^1]++;
        return ByteString.CopyFrom(bytes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} campaigns for leadership with lease {LeaseId:x} (TTL {Ttl} s)")]
    private partial void LogCampaigning(string replica, long leaseId, long ttl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} is the leader (lease {LeaseId:x})")]
    private partial void LogElected(string replica, long leaseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leader is {Leader}")]
    private partial void LogLeaderSeen(string leader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {LeaseId:x} lost: {Why}")]
    private partial void LogLeaseLost(long leaseId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica} lost leadership: stopped the scheduler, the Mesos subscription and the controllers")]
    private partial void LogStoppedLeading(string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica} exits after losing leadership (exit code 1); its supervisor restarts it as a follower")]
    private partial void LogExiting(string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election failed: {Error}; trying again")]
    private partial void LogElectionFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the election failed: {Error}; watching again")]
    private partial void LogObserveFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking the lease at shutdown failed: {Error}; it expires after its TTL")]
    private partial void LogRevokeFailed(string error);
}
