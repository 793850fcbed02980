using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Data.Sqlite;

namespace KubeMesos.Framework.Store;

/// <summary>
/// The embedded <see cref="IObjectStore"/>: one SQLite file (<c>cluster.db</c>, WAL mode) in the data folder. Every
/// write is one transaction that updates the object, appends to the change log and bumps the persisted version
/// counter, so a restart finds every object with its resourceVersion and watches can resume across it. Watchers in
/// this process are woken from the write path after the commit (no polling); they read the change log, which keeps
/// the newest <c>watchHistory</c> changes. Writers in another process over the same file are serialized correctly by
/// SQLite but do not wake this process's watchers: one process owns a data folder (use etcd for several replicas).
/// Writes are group-committed: one writer takes every write waiting at the moment (up to <see cref="MaxGroup"/>) into
/// one transaction, each still checked and versioned on its own, so concurrent writers share a commit instead of
/// queueing for one each.
/// </summary>
public sealed class SqliteObjectStore : IObjectStore, IDisposable
{
    public const string FileName = "cluster.db";

    private const int WatchBatch = 500;

    /// <summary>About half a second of a 10,000-pod burst: watchers normally trail the writer by a few changes.</summary>
    private const int RecentChangesKept = 1024;

    /// <summary>Most writes in one transaction: bounds how long a write waits behind others in its group.</summary>
    internal const int MaxGroup = 512;

    // Reading connections kept with their statements: as many as reads run at once, about.
    private const int ReadersKept = 8;

    private readonly string _connectionString;
    private readonly int _watchHistory;
    private readonly TimeProvider _time;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly ChangeSignals _changed = new();
    private readonly RecentChanges _recent;
    private readonly StoredHeads _heads = new();
    private readonly ConcurrentBag<PreparedCommands> _readers = [];
    private volatile bool _disposed;

    public SqliteObjectStore(string dataFolder, int watchHistory = StoreOptions.DefaultWatchHistory, TimeProvider? timeProvider = null)
        : this(dataFolder, watchHistory, timeProvider, RecentChangesKept)
    {
    }

    /// <param name="recentChanges">How many of the newest changes watchers read from memory (tests make it small).</param>
    internal SqliteObjectStore(string dataFolder, int watchHistory, TimeProvider? timeProvider, int recentChanges)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(watchHistory, 1);
        Directory.CreateDirectory(dataFolder);
        DatabasePath = Path.GetFullPath(Path.Combine(dataFolder, FileName));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        _watchHistory = watchHistory;
        _time = timeProvider ?? TimeProvider.System;
        using (var connection = Open(writes: true))
        {
            SqliteSchema.Ensure(connection);
            var db = new SqliteSession(connection, null);
            _recent = new RecentChanges(recentChanges, ReadState(db, "version"), ReadState(db, "compacted"));
        }

        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    public Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Query(db => ReadState(db, "version")));

    public Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.For(StoreKinds.For<T>(), @namespace, name);
        var stored = Query(db => ReadObject(db, key));
        return Task.FromResult(stored is null ? null : Read<T>(stored.Value.Json, stored.Value.Version));
    }

    public Task<bool> ExistsAsync<T>(string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.For(StoreKinds.For<T>(), @namespace, name);
        return Task.FromResult(Query(db =>
        {
            using var statement = db.Command("SELECT 1 FROM objects WHERE resource = $resource AND path = $path", ("$resource", key.Kind.Resource), ("$path", key.Path));
            return statement.Command.ExecuteScalar() is not null;
        }));
    }

    public Task<StoreList<T>> ListAsync<T>(StoreListOptions options, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(options);
        var kind = StoreKinds.For<T>();
        var token = options.Continue is null ? null : ContinueToken.Decode(options.Continue);
        var prefix = ObjectKey.ListPrefix(kind, options.Namespace);
        var limit = options.Limit is > 0 ? options.Limit.Value : int.MaxValue;
        using var connection = Open();
        // A read transaction is a snapshot in WAL mode: the version and the rows agree.
        using var transaction = connection.BeginTransaction(deferred: true);
        var db = new SqliteSession(connection, transaction);
        var version = token?.ResourceVersion ?? ReadState(db, "version");
        using var statement = db.Command(
            "SELECT path, version, json FROM objects WHERE resource = $resource AND path > $after AND substr(path, 1, length($prefix)) = $prefix ORDER BY path",
            ("$resource", kind.Resource), ("$after", token?.After ?? string.Empty), ("$prefix", prefix));
        using var reader = statement.Command.ExecuteReader();
        var items = new List<T>();
        string? last = null;
        var more = false;
        while (reader.Read())
        {
            var item = Read<T>(reader.GetFieldValue<byte[]>(2), reader.GetInt64(1));
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
            last = reader.GetString(0);
        }

        return Task.FromResult(new StoreList<T>(items, version, more ? new ContinueToken(version, last!).Encode() : null));
    }

    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => CreateAsync(obj, handedOver: false, cancellationToken);

    public Task<T> CreateHandedOverAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => CreateAsync(obj, handedOver: true, cancellationToken);

    private async Task<T> CreateAsync<T>(T obj, bool handedOver, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (created, key) = ObjectWrites.PrepareCreate(StoreKinds.For<T>(), obj, _time, handedOver);
        var json = ObjectWrites.ToStoredJson(created);
        var version = await WriteAsync(key, db =>
        {
            if (ReadObject(db, key) is not null)
            {
                throw ObjectWrites.AlreadyExists(key);
            }

            return new WriteDecision(StoreWatchEventType.Added, json);
        }, cancellationToken).ConfigureAwait(false);
        return ObjectCodec.WithVersion(created, version);
    }

    public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        // Copied here, on the caller's thread: the single writer only does what needs the stored object.
        UpdateAsync(ObjectWrites.Copy(obj), ObjectKey.Of(StoreKinds.For<T>(), obj), cancellationToken);

    public Task<T> UpdateHandedOverAsync<T>(T obj, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => UpdateAsync(obj, ObjectKey.Of(StoreKinds.For<T>(), obj), cancellationToken);

    /// <param name="copy">The store's own object: the writer changes it into the stored one.</param>
    private async Task<T> UpdateAsync<T>(T copy, ObjectKey key, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var expected = ObjectCodec.ParseVersion(copy.Metadata.ResourceVersion);
        T? updated = null;
        var version = await WriteAsync(key, db =>
        {
            // An object this writer updated before needs no read, unless its spec's text changed (see PrepareUpdate).
            byte[]? storedJson = null;
            if (!_heads.TryGet(key, out var storedVersion, out var head))
            {
                (storedJson, storedVersion) = ReadObject(db, key) ?? throw ObjectWrites.NotFound(key);
                head = StoredHead.Of(storedJson);
            }

            if (expected is not null && expected != storedVersion)
            {
                throw ObjectWrites.Conflict(key);
            }

            (updated, var json, var written) = ObjectWrites.PrepareUpdate(key.Kind, copy, head, () => storedJson ??= ReadObject(db, key)!.Value.Json);
            return new WriteDecision(StoreWatchEventType.Modified, json, written);
        }, cancellationToken).ConfigureAwait(false);
        return ObjectCodec.WithVersion(updated!, version);
    }

    public async Task<T> DeleteAsync<T>(string? @namespace, string name, string? expectedResourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.For(StoreKinds.For<T>(), @namespace, name);
        var expected = ObjectCodec.ParseVersion(expectedResourceVersion);
        byte[]? last = null;
        var version = await WriteAsync(key, db =>
        {
            var stored = ReadObject(db, key) ?? throw ObjectWrites.NotFound(key);
            if (expected is not null && expected != stored.Version)
            {
                throw ObjectWrites.Conflict(key);
            }

            last = stored.Json;
            return new WriteDecision(StoreWatchEventType.Deleted, stored.Json);
        }, cancellationToken).ConfigureAwait(false);
        return Read<T>(last!, version);
    }

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Watch<T>(@namespace, afterVersion, metadataOnly: false, skip: null, cancellationToken);

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchAsync<T>(string? @namespace, long? afterVersion, Func<long, bool> skip, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Watch<T>(@namespace, afterVersion, metadataOnly: false, skip, cancellationToken);

    public IAsyncEnumerable<StoreWatchEvent<T>> WatchMetadataAsync<T>(string? @namespace, long? afterVersion, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta> => Watch<T>(@namespace, afterVersion, metadataOnly: true, skip: null, cancellationToken);

    private IAsyncEnumerable<StoreWatchEvent<T>> Watch<T>(string? @namespace, long? afterVersion, bool metadataOnly, Func<long, bool>? skip, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = StoreKinds.For<T>();
        // "From now" is the version at this call, so a write right after it is seen.
        var start = afterVersion ?? Query(db => ReadState(db, "version"));

        return Watch<T>(kind, string.IsNullOrEmpty(@namespace) ? null : @namespace, start, metadataOnly, skip, cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Writes already queued fail with ObjectDisposedException; the writer ends before the pool is cleared.
        _writes.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(10));
        // Watchers wake, see the store is gone and end their enumeration.
        _changed.PulseAll();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        // Pooled connections keep the file open; release them so the folder can be reopened, moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async IAsyncEnumerable<StoreWatchEvent<T>> Watch<T>(StoreKind kind, string? @namespace, long seen, bool metadataOnly, Func<long, bool>? skip, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var batch = new List<StoreChange>();
        while (!_disposed)
        {
            // Taken before reading, so a commit after the read still wakes this watcher.
            var changed = _changed.Next(kind.Resource);
            // The newest changes are in memory; a watcher further behind reads the change log.
            seen = _recent.TryRead(kind.Resource, @namespace, seen, WatchBatch, batch, out var next) ? next : ReadLog(kind, @namespace, seen, batch);

            foreach (var change in batch)
            {
                if (skip?.Invoke(change.Version) != true)
                {
                    yield return change.ToEvent<T>(metadataOnly);
                }
            }

            if (batch.Count == 0)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            batch.Clear();
        }
    }

    /// <summary>Reads the changes after <paramref name="seen"/> from the change log; returns what is then seen.</summary>
    /// <exception cref="StoreVersionGoneException">the log no longer holds <paramref name="seen"/>'s successor.</exception>
    private long ReadLog(StoreKind kind, string? @namespace, long seen, List<StoreChange> batch)
    {
        using (var connection = Open())
        using (var transaction = connection.BeginTransaction(deferred: true))
        {
            var db = new SqliteSession(connection, transaction);
            var compacted = ReadState(db, "compacted");
            if (seen < compacted)
            {
                throw new StoreVersionGoneException(seen, compacted + 1);
            }

            var version = ReadState(db, "version");
            using var statement = db.Command(
                "SELECT version, namespace, type, json FROM changes WHERE resource = $resource AND version > $seen AND ($namespace IS NULL OR namespace = $namespace) ORDER BY version LIMIT $limit",
                ("$resource", kind.Resource), ("$seen", seen), ("$namespace", @namespace), ("$limit", WatchBatch));
            using var reader = statement.Command.ExecuteReader();
            while (reader.Read())
            {
                batch.Add(new StoreChange(reader.GetInt64(0), kind.Resource, reader.IsDBNull(1) ? null : reader.GetString(1), (StoreWatchEventType)reader.GetInt32(2), reader.GetFieldValue<byte[]>(3)));
            }

            // A full batch may have more behind it; otherwise everything up to the snapshot's version is seen.
            return batch.Count == WatchBatch ? batch[^1].Version : Math.Max(seen, version);
        }
    }

    /// <summary>
    /// One write: <paramref name="decide"/> checks the stored state inside the transaction and says what to log (or
    /// throws, which fails this write only); the object row, the change log, the version counter and the log's trimming
    /// commit together with the rest of the group.
    /// </summary>
    private async Task<long> WriteAsync(ObjectKey key, Func<SqliteSession, WriteDecision> decide, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite(key, decide, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(GetType().FullName);
        }

        // A cancelled caller stops waiting; the write itself may still land, like an HTTP request cancelled in flight.
        return await write.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The single writer: waits without holding a thread, then commits whatever queued meanwhile on its own connection
    /// (kept open: one writer, and opening plus the pragma cost more than a small group's inserts).
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var group = new List<PendingWrite>(MaxGroup);
        var reader = _writes.Reader;
        PreparedCommands? connection = null;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (group.Count < MaxGroup && reader.TryRead(out var write))
                {
                    group.Add(write);
                }

                if (_disposed)
                {
                    foreach (var write in group)
                    {
                        write.Done.TrySetException(new ObjectDisposedException(GetType().FullName));
                    }
                }
                else
                {
                    try
                    {
                        connection ??= new PreparedCommands(Open(writes: true));
                    }
                    catch (Exception ex)
                    {
                        foreach (var write in group)
                        {
                            write.Done.TrySetException(ex);
                        }

                        group.Clear();
                        continue;
                    }

                    if (!Commit(connection, group))
                    {
                        // The connection may be what failed: the next group gets a fresh one.
                        connection.Dispose();
                        connection = null;
                    }
                }

                group.Clear();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>One transaction for the group; a write whose check fails is left out, the others still commit.</summary>
    /// <returns>false when the transaction itself failed (every write of the group failed with it).</returns>
    private bool Commit(PreparedCommands connection, List<PendingWrite> group)
    {
        var outcomes = new (long Version, Exception? Error)[group.Count];
        List<StoreChange> committed;
        try
        {
            // BEGIN IMMEDIATE: takes the write lock up front, so each read-check-write is atomic against other processes.
            using var transaction = connection.Connection.BeginTransaction(deferred: false);
            var db = new SqliteSession(connection.Connection, transaction, connection);
            var version = ReadState(db, "version");
            _heads.Begin(version);
            var first = version + 1;
            committed = new List<StoreChange>(group.Count);
            for (var i = 0; i < group.Count; i++)
            {
                var (key, decide, _) = group[i];
                WriteDecision decision;
                try
                {
                    // Earlier writes of the group are visible here: same connection, same transaction.
                    decision = decide(db);
                }
                catch (Exception ex)
                {
                    outcomes[i] = (0, ex);
                    continue;
                }

                version++;
                Apply(db, key, decision.Type, decision.Json, version);
                _heads.Wrote(key, version, decision.Head);
                committed.Add(new StoreChange(version, key.Kind.Resource, key.Namespace, decision.Type, decision.Json));
                outcomes[i] = (version, null);
            }

            if (version >= first)
            {
                db.Execute("UPDATE store_state SET value = $version WHERE key = 'version'", ("$version", version));
                var compactTo = version - _watchHistory;
                if (compactTo > 0)
                {
                    db.Execute("DELETE FROM changes WHERE version <= $compactTo", ("$compactTo", compactTo));
                    db.Execute("UPDATE store_state SET value = max(value, $compactTo) WHERE key = 'compacted'", ("$compactTo", compactTo));
                }

                transaction.Commit();
                _heads.Committed(version);
                // Before the watchers are woken below, so a woken watcher finds the group in memory.
                _recent.Committed(first - 1, committed, compactTo);
            }
        }
        catch (Exception ex)
        {
            // Nothing of the group committed.
            _heads.Failed();
            foreach (var write in group)
            {
                write.Done.TrySetException(ex);
            }

            return false;
        }

        // Writers hear of their commit before watchers are woken: a writer that knows the echo of its own write tells
        // nothing new (the scheduler) can then say so before its watcher meets it (PodScheduler.Writes).
        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                group[i].Done.TrySetException(error);
            }
            else
            {
                group[i].Done.TrySetResult(outcomes[i].Version);
            }
        }

        foreach (var resource in group.Where((_, i) => outcomes[i].Error is null).Select(w => w.Key.Kind.Resource).Distinct())
        {
            _changed.Pulse(resource);
        }

        return true;
    }

    private static void Apply(SqliteSession db, ObjectKey key, StoreWatchEventType type, byte[] json, long version)
    {
        if (type == StoreWatchEventType.Deleted)
        {
            db.Execute("DELETE FROM objects WHERE resource = $resource AND path = $path",
                ("$resource", key.Kind.Resource), ("$path", key.Path));
        }
        else
        {
            db.Execute(
                "INSERT OR REPLACE INTO objects(resource, path, namespace, version, json) VALUES ($resource, $path, $namespace, $version, $json)",
                ("$resource", key.Kind.Resource), ("$path", key.Path), ("$namespace", key.Namespace), ("$version", version), ("$json", json));
        }

        db.Execute(
            "INSERT INTO changes(version, resource, namespace, type, json) VALUES ($version, $resource, $namespace, $type, $json)",
            ("$version", version), ("$resource", key.Kind.Resource), ("$namespace", key.Namespace), ("$type", (int)type), ("$json", json));
    }

    /// <summary>
    /// Runs a single-statement read on a reading connection that keeps its statements compiled: gets and existence
    /// checks come with every API request (the namespace of each create), and compiling the statement cost more than
    /// running it. Each read is its own snapshot, as on a fresh connection.
    /// </summary>
    private TResult Query<TResult>(Func<SqliteSession, TResult> read)
    {
        var reader = _readers.TryTake(out var kept) ? kept : new PreparedCommands(Open());
        TResult result;
        try
        {
            result = read(new SqliteSession(reader.Connection, null, reader));
        }
        catch
        {
            // The connection may be what failed.
            reader.Dispose();
            throw;
        }

        if (_disposed || _readers.Count >= ReadersKept)
        {
            reader.Dispose();
        }
        else
        {
            _readers.Add(reader);
            // Dispose may have emptied the bag in between.
            while (_disposed && _readers.TryTake(out var late))
            {
                late.Dispose();
            }
        }

        return result;
    }

    /// <param name="writes">
    /// Whether the connection commits writes. synchronous is per connection. In WAL mode NORMAL syncs at checkpoints,
    /// not at every commit: the database stays consistent after a power loss (the last commits may roll back) and a
    /// process crash loses nothing. FULL (the default) cost one fsync per write; the scale scenario measured 82 vs ~900
    /// pod creates/s. A reading connection commits nothing, so it skips the pragma.
    /// </param>
    private SqliteConnection Open(bool writes = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (writes)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        return connection;
    }

    /// <summary>The stored object's UTF-8 JSON: a blob, or text in a file written before JSON was kept as UTF-8 bytes (SQLite hands out text's bytes as they are).</summary>
    private static (byte[] Json, long Version)? ReadObject(SqliteSession db, ObjectKey key)
    {
        using var statement = db.Command("SELECT json, version FROM objects WHERE resource = $resource AND path = $path",
            ("$resource", key.Kind.Resource), ("$path", key.Path));
        using var reader = statement.Command.ExecuteReader();
        return reader.Read() ? (reader.GetFieldValue<byte[]>(0), reader.GetInt64(1)) : null;
    }

    private static long ReadState(SqliteSession db, string name)
    {
        using var statement = db.Command("SELECT value FROM store_state WHERE key = $key", ("$key", name));
        return (long)statement.Command.ExecuteScalar()!;
    }

    private static T Read<T>(byte[] json, long version)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ObjectCodec.WithVersion(ObjectCodec.Deserialize<T>(json), version);

    /// <summary>What a write stores and logs; <see cref="Head"/> is the object's new head when the writer knows it.</summary>
    private readonly record struct WriteDecision(StoreWatchEventType Type, byte[] Json, StoredHead? Head = null);

    private sealed record PendingWrite(
        ObjectKey Key,
        Func<SqliteSession, WriteDecision> Decide,
        TaskCompletionSource<long> Done);
}
