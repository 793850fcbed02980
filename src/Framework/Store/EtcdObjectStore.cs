using System.Runtime.CompilerServices;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using k8s;
using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>
/// <see cref="IObjectStore"/> on etcd v3, shared by several replicas. Keys are <c>/registry/&lt;resource&gt;/&lt;namespace&gt;/&lt;name&gt;</c>
/// (<c>/registry/namespaces/&lt;name&gt;</c> for cluster-scoped kinds), values are the objects' JSON, and an
/// object's resourceVersion is its key's <c>mod_revision</c>, so the store-wide version is etcd's revision, as in
/// Kubernetes. Creates are transactions on <c>create_revision == 0</c>, updates and deletes compare
/// <c>mod_revision</c>; lists read one revision (pages of a list are one snapshot); watches are etcd watches from the
/// next revision. Like kube-apiserver, the store compacts etcd's history to the newest <c>watchHistory</c> revisions,
/// so older resume points answer <see cref="StoreVersionGoneException"/>.
/// </summary>
public sealed class EtcdObjectStore : IObjectStore, IDisposable
{
    public const string DefaultKeyPrefix = "/registry";

    private const int RangeBatch = 500;

    private readonly EtcdClient _client;
    private readonly KV.KVClient _kv;
    private readonly Watch.WatchClient _watch;
    private readonly string _keyPrefix;
    private readonly int _watchHistory;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposing = new();
    private long _compactedTo;

    /// <param name="endpoints">etcd client URLs, comma-separated (<c>http://127.0.0.1:2379</c>).</param>
    /// <param name="keyPrefix">the root of the keys; <see cref="DefaultKeyPrefix"/> unless several clusters share one etcd.</param>
    public EtcdObjectStore(string endpoints, int watchHistory = StoreOptions.DefaultWatchHistory, TimeProvider? timeProvider = null, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoints);
        ArgumentOutOfRangeException.ThrowIfLessThan(watchHistory, 1);
        _client = EtcdClients.Create(endpoints);
        _kv = _client.GetConnection().KVClient;
        _watch = _client.GetConnection().WatchClient;
        _keyPrefix = keyPrefix.TrimEnd('/');
        _watchHistory = watchHistory;
        _time = timeProvider ?? TimeProvider.System;
    }

    public async Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(() => _kv.RangeAsync(new RangeRequest { Key = Bytes(_keyPrefix), CountOnly = true }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.Header.Revision;
    }

    public async Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.For(StoreKinds.For<T>(), @namespace, name);
        var stored = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Read<T>(stored);
    }

    public async Task<StoreList<T>> ListAsync<T>(StoreListOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(options);
        var kind = StoreKinds.For<T>();
        var token = options.Continue is null ? null : ContinueToken.Decode(options.Continue);
        var kindPrefix = KindPrefix(kind);
        var prefix = kindPrefix + ObjectKey.ListPrefix(kind, options.Namespace);
        var rangeEnd = PrefixEnd(Bytes(prefix));
        var limit = options.Limit is > 0 ? options.Limit.Value : int.MaxValue;
        // Every page of a list reads the first page's revision: one consistent snapshot, Gone once compacted.
        var revision = token?.ResourceVersion ?? 0;
        var start = token is null ? Bytes(prefix) : Bytes(kindPrefix + token.After + "\0");
        var items = new List<T>();
        string? last = null;
        var more = false;
        while (true)
        {
            var request = new RangeRequest { Key = start, RangeEnd = rangeEnd, Revision = revision, Limit = RangeBatch };
            var response = await CallAsync(() => _kv.RangeAsync(request, cancellationToken: cancellationToken), revision).ConfigureAwait(false);
            revision = revision == 0 ? response.Header.Revision : revision;
            foreach (var kv in response.Kvs)
            {
                var item = Read<T>(kv);
                if (options.LabelSelector?.Matches(item.Metadata) == false)
                {
                    continue;
                }

                if (items.Count == limit)
                {
                    more = true;
                    break;
                }

                items.Add(item);
                last = kv.Key.ToStringUtf8()[kindPrefix.Length..];
            }

            if (more || !response.More || response.Kvs.Count == 0)
            {
                break;
            }

            start = Bytes(response.Kvs[^1].Key.ToStringUtf8() + "\0");
        }

        return new StoreList<T>(items, revision, more ? new ContinueToken(revision, last!).Encode() : null);
    }

    public async Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (created, key) = ObjectWrites.PrepareCreate(StoreKinds.For<T>(), obj, _time);
        var etcdKey = Bytes(KeyOf(key));
        var request = new TxnRequest
        {
            Compare = { new Compare { Key = etcdKey, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 } },
            Success = { new RequestOp { RequestPut = new PutRequest { Key = etcdKey, Value = UnsafeByteOperations.UnsafeWrap(ObjectWrites.ToStoredJson(created)) } } },
        };
        var response = await CallAsync(() => _kv.TxnAsync(request, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            throw ObjectWrites.AlreadyExists(key);
        }

        await CompactIfDueAsync(response.Header.Revision, cancellationToken).ConfigureAwait(false);
        return ObjectCodec.WithVersion(created, response.Header.Revision);
    }

    public async Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.Of(StoreKinds.For<T>(), obj);
        var expected = ObjectCodec.ParseVersion(obj.Metadata.ResourceVersion);
        var etcdKey = Bytes(KeyOf(key));
        while (true)
        {
            var stored = await ReadAsync(key, cancellationToken).ConfigureAwait(false) ?? throw ObjectWrites.NotFound(key);
            if (expected is not null && expected != stored.ModRevision)
            {
                throw ObjectWrites.Conflict(key);
            }

            var storedJson = stored.Value.Memory;
            var (updated, json) = ObjectWrites.PrepareUpdate(key.Kind, ObjectWrites.Copy(obj), storedJson);
            var request = new TxnRequest
            {
                Compare = { ModRevisionIs(etcdKey, stored.ModRevision) },
                Success = { new RequestOp { RequestPut = new PutRequest { Key = etcdKey, Value = UnsafeByteOperations.UnsafeWrap(json) } } },
            };
            var response = await CallAsync(() => _kv.TxnAsync(request, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (response.Succeeded)
            {
                await CompactIfDueAsync(response.Header.Revision, cancellationToken).ConfigureAwait(false);
                return ObjectCodec.WithVersion(updated, response.Header.Revision);
            }

            // Someone wrote in between: a conditional update has lost; an unconditional one reapplies on the new state.
            if (expected is not null)
            {
                throw ObjectWrites.Conflict(key);
            }
        }
    }

    public async Task<T> DeleteAsync<T>(string? @namespace, string name, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.For(StoreKinds.For<T>(), @namespace, name);
        var expected = ObjectCodec.ParseVersion(expectedResourceVersion);
        var etcdKey = Bytes(KeyOf(key));
        while (true)
        {
            var stored = await ReadAsync(key, cancellationToken).ConfigureAwait(false) ?? throw ObjectWrites.NotFound(key);
            if (expected is not null && expected != stored.ModRevision)
            {
                throw ObjectWrites.Conflict(key);
            }

            var request = new TxnRequest
            {
                Compare = { ModRevisionIs(etcdKey, stored.ModRevision) },
                Success = { new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = etcdKey } } },
            };
            var response = await CallAsync(() => _kv.TxnAsync(request, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (response.Succeeded)
            {
                await CompactIfDueAsync(response.Header.Revision, cancellationToken).ConfigureAwait(false);
                return ObjectCodec.WithVersion(ObjectCodec.Deserialize<T>(stored.Value.Span), response.Header.Revision);
            }

            if (expected is not null)
            {
                throw ObjectWrites.Conflict(key);
            }
        }
    }

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = StoreKinds.For<T>();
        return Watch<T>(kind, KindPrefix(kind) + ObjectKey.ListPrefix(kind, @namespace), afterVersion, cancellationToken);
    }

    public void Dispose()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        // Running watches see this token and end their enumeration instead of failing.
        _disposing.Cancel();
        _client.Dispose();
        _disposing.Dispose();
    }

    private async IAsyncEnumerable<StoreWatchEvent<T>> Watch<T>(StoreKind kind, string prefix, long? afterVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var token = linked.Token;
        // "From now": the revision when the enumeration starts.
        var after = afterVersion ?? await CurrentVersionAsync(token).ConfigureAwait(false);
        using var call = _watch.Watch(cancellationToken: token);
        var create = new WatchCreateRequest { Key = Bytes(prefix), RangeEnd = PrefixEnd(Bytes(prefix)), StartRevision = after + 1, PrevKv = true };
        var created = await WatchStepAsync(async () =>
        {
            await call.RequestStream.WriteAsync(new WatchRequest { CreateRequest = create }, token).ConfigureAwait(false);
            return true;
        }, token).ConfigureAwait(false);
        if (created is null)
        {
            yield break;
        }

        while (await WatchStepAsync(() => call.ResponseStream.MoveNext(token), token).ConfigureAwait(false) is true)
        {
            var response = call.ResponseStream.Current;
            if (response.CompactRevision != 0)
            {
                throw new StoreVersionGoneException(after, response.CompactRevision);
            }

            if (response.Canceled)
            {
                throw new InvalidOperationException($"etcd cancelled the watch on {prefix}: {response.CancelReason}");
            }

            foreach (var change in response.Events)
            {
                yield return ToEvent<T>(change);
            }
        }
    }

    /// <summary>
    /// One step of a watch stream: true/false as the stream says, null when the store is being disposed (the watch
    /// ends quietly); the caller's cancellation surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<bool?> WatchStepAsync(Func<Task<bool>> step, CancellationToken token)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || (e is RpcException { StatusCode: StatusCode.Cancelled } && token.IsCancellationRequested))
        {
            if (_disposing.IsCancellationRequested)
            {
                return null;
            }

            throw new OperationCanceledException("watch cancelled", e, token);
        }
    }

    private static StoreWatchEvent<T> ToEvent<T>(Mvccpb.Event change)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (change.Type == Mvccpb.Event.Types.EventType.Delete)
        {
            // A delete's kv has no value; the object is the previous one, at the deletion's revision.
            var last = ObjectCodec.Deserialize<T>(change.PrevKv.Value.Span);
            return new(StoreWatchEventType.Deleted, ObjectCodec.WithVersion(last, change.Kv.ModRevision), change.Kv.ModRevision);
        }

        var type = change.Kv.CreateRevision == change.Kv.ModRevision ? StoreWatchEventType.Added : StoreWatchEventType.Modified;
        return new(type, Read<T>(change.Kv), change.Kv.ModRevision);
    }

    /// <summary>
    /// Keeps etcd's history to about <c>watchHistory</c> revisions, as kube-apiserver compacts etcd: at most every
    /// <c>watchHistory</c> writes of this instance, to <c>revision - watchHistory</c>.
    /// </summary>
    private async Task CompactIfDueAsync(long revision, CancellationToken cancellationToken)
    {
        var target = revision - _watchHistory;
        var previous = Interlocked.Read(ref _compactedTo);
        if (target <= 0 || (previous != 0 && target - previous < _watchHistory) || Interlocked.CompareExchange(ref _compactedTo, target, previous) != previous)
        {
            return;
        }

        try
        {
            await _kv.CompactAsync(new CompactionRequest { Revision = target }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // Another replica compacted further already; the write itself has committed, so this is no failure.
        }
    }

    private async Task<Mvccpb.KeyValue?> ReadAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var response = await CallAsync(() => _kv.RangeAsync(new RangeRequest { Key = Bytes(KeyOf(key)) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return response.Kvs.Count == 0 ? null : response.Kvs[0];
    }

    /// <summary>Runs a unary call, turning "revision compacted" into <see cref="StoreVersionGoneException"/>.</summary>
    private static async Task<TResponse> CallAsync<TResponse>(Func<AsyncUnaryCall<TResponse>> call, long revision = 0)
    {
        try
        {
            return await call().ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.OutOfRange && e.Status.Detail.Contains("compacted", StringComparison.Ordinal))
        {
            throw new StoreVersionGoneException(revision, revision + 1);
        }
    }

    private static Compare ModRevisionIs(ByteString key, long revision) =>
        new() { Key = key, Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = revision };

    private static T Read<T>(Mvccpb.KeyValue kv)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ObjectCodec.WithVersion(ObjectCodec.Deserialize<T>(kv.Value.Span), kv.ModRevision);

    private string KindPrefix(StoreKind kind) => $"{_keyPrefix}/{kind.Resource}/";

    private string KeyOf(ObjectKey key) => KindPrefix(key.Kind) + key.Path;

    private static ByteString Bytes(string text) => ByteString.CopyFromUtf8(text);

    /// <summary>etcd's range end for "every key with this prefix": the prefix with its last byte incremented.</summary>
    private static ByteString PrefixEnd(ByteString prefix)
    {
        var bytes = prefix.ToByteArray();
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (bytes[i] < 0xFF)
            {
                bytes[i]++;
                return ByteString.CopyFrom(bytes, 0, i + 1);
            }
        }

        return ByteString.CopyFrom(0);
    }
}
