using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Labels;
using Microsoft.Extensions.Time.Testing;

namespace KubeMesos.Tests.Unit.Framework.Store;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> backend must have. One derived class per backend supplies
/// <see cref="Open"/>; each test instance works on data of its own.
/// </summary>
public abstract class ObjectStoreContractTests : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly List<IObjectStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, 250, TimeSpan.Zero));

    protected static CancellationToken TestToken => TestContext.Current.CancellationToken;

    /// <summary>A store over this test's data (a second call opens another instance over the same data).</summary>
    protected abstract IObjectStore Open(int watchHistory, TimeProvider time);

    protected IObjectStore OpenStore(int watchHistory = StoreOptions.DefaultWatchHistory)
    {
        var store = Open(watchHistory, Time);
        _opened.Add(store);
        return store;
    }

    protected static void Close(IObjectStore store) => (store as IDisposable)?.Dispose();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            Close(store);
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected static V1Pod Pod(string name, string ns = "default", string image = "nginx", params string[] labels) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = labels.Length == 0 ? null : labels.Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]),
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image }] },
    };

    protected static long Version(k8s.IKubernetesObject<V1ObjectMeta> obj) => long.Parse(obj.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads <paramref name="count"/> events, failing (not hanging) after <see cref="Timeout"/>.</summary>
    protected static async Task<List<StoreWatchEvent<T>>> TakeAsync<T>(IAsyncEnumerable<StoreWatchEvent<T>> watch, int count)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        cts.CancelAfter(Timeout);
        var events = new List<StoreWatchEvent<T>>();
        try
        {
            await foreach (var e in watch.WithCancellation(cts.Token))
            {
                events.Add(e);
                if (events.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!TestToken.IsCancellationRequested)
        {
            Assert.Fail($"Timed out waiting for {count} watch events; got {events.Count}: " +
                string.Join(", ", events.Select(e => $"{e.Type} {e.Object.Metadata.Name}@{e.ResourceVersion}")));
        }

        return events;
    }

    [Fact]
    public async Task Create_NewObject_FillsUidTimestampVersionAndGeneration()
    {
        var store = OpenStore();
        var before = await store.CurrentVersionAsync(TestToken);
        var input = Pod("web-1");

        var created = await store.CreateAsync(input, TestToken);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc), created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("Pod", created.Kind);
        Assert.Equal("v1", created.ApiVersion);
        Assert.True(Version(created) > before);
        Assert.Equal(Version(created), await store.CurrentVersionAsync(TestToken));
        Assert.Null(input.Metadata.Uid); // the caller's object is not touched

        var read = await store.GetAsync<V1Pod>("default", "web-1", TestToken);
        Assert.NotNull(read);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.CreationTimestamp, read.Metadata.CreationTimestamp);
        Assert.Equal("nginx", read.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Create_ExistingName_ThrowsAlreadyExists()
    {
        var store = OpenStore();
        await store.CreateAsync(Pod("web-1"), TestToken);

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => store.CreateAsync(Pod("web-1", image: "other"), TestToken));

        Assert.True(error.AlreadyExists);
        Assert.Contains("pods \"web-1\" already exists", error.Message);
        Assert.Equal("nginx", (await store.GetAsync<V1Pod>("default", "web-1", TestToken))!.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Create_SameNameInOtherNamespaceOrKind_IsSeparate()
    {
        var store = OpenStore();
        await store.CreateAsync(Pod("web"), TestToken);
        await store.CreateAsync(Pod("web", ns: "prod"), TestToken);
        await store.CreateAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" } }, TestToken);
        await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "prod" } }, TestToken);

        Assert.NotNull(await store.GetAsync<V1Pod>("prod", "web", TestToken));
        Assert.NotNull(await store.GetAsync<V1Service>("default", "web", TestToken));
        Assert.NotNull(await store.GetAsync<V1Namespace>(null, "prod", TestToken));
        Assert.Null(await store.GetAsync<V1Service>("prod", "web", TestToken));
    }

    [Fact]
    public async Task Create_GenerateName_GetsRandomSuffix()
    {
        var store = OpenStore();

        var created = await store.CreateAsync(new V1Pod { Metadata = new V1ObjectMeta { GenerateName = "rc-", NamespaceProperty = "default" } }, TestToken);

        Assert.Matches("^rc-[a-z0-9]{5}$", created.Metadata.Name);
    }

    [Fact]
    public async Task Create_MissingNamespaceOrName_IsRejected()
    {
        var store = OpenStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(Pod("web", ns: null!), TestToken));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(Pod(null!), TestToken));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "x", NamespaceProperty = "default" } }, TestToken));
    }

    [Fact]
    public async Task Get_Missing_ReturnsNull()
    {
        var store = OpenStore();

        Assert.Null(await store.GetAsync<V1Pod>("default", "nope", TestToken));
    }

    [Fact]
    public async Task Update_MatchingVersion_StoresAndKeepsIdentity()
    {
        var store = OpenStore();
        var created = await store.CreateAsync(Pod("web-1"), TestToken);
        var change = await store.GetAsync<V1Pod>("default", "web-1", TestToken);
        change!.Spec.Containers[0].Image = "nginx:2";
        change.Metadata.Uid = "forged";
        change.Metadata.CreationTimestamp = DateTime.UnixEpoch;

        var updated = await store.UpdateAsync(change, TestToken);

        Assert.True(Version(updated) > Version(created));
        Assert.Equal(created.Metadata.Uid, updated.Metadata.Uid);
        Assert.Equal(created.Metadata.CreationTimestamp, updated.Metadata.CreationTimestamp);
        Assert.Equal(2, updated.Metadata.Generation);
        var read = await store.GetAsync<V1Pod>("default", "web-1", TestToken);
        Assert.Equal("nginx:2", read!.Spec.Containers[0].Image);
        Assert.Equal(updated.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task HandedOver_CreateAndUpdate_StoreAsTheCopyingOnesDo()
    {
        var store = OpenStore();
        var created = await store.CreateHandedOverAsync(Pod("web-1"), TestToken);
        var createdVersion = Version(created);
        var uid = created.Metadata.Uid;
        created.Spec.Containers[0].Image = "nginx:2";
        created.Metadata.Uid = "forged";

        var updated = await store.UpdateHandedOverAsync(created, TestToken);

        Assert.True(Version(updated) > createdVersion);
        var read = await store.GetAsync<V1Pod>("default", "web-1", TestToken);
        Assert.Equal("nginx:2", read!.Spec.Containers[0].Image);
        Assert.Equal(updated.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(uid, read.Metadata.Uid);
        Assert.Equal(uid, updated.Metadata.Uid);
        Assert.Equal(2, read.Metadata.Generation);
        Assert.Equal("Pod", updated.Kind);
    }

    [Fact]
    public async Task Watch_WithSkip_LeavesOutThePickedChanges_AndAsksOfEveryChangeInOrder()
    {
        var store = OpenStore();
        var start = await store.CurrentVersionAsync(TestToken);
        var a = await store.CreateAsync(Pod("web-1"), TestToken);
        var b = await store.CreateAsync(Pod("web-2"), TestToken);
        var c = await store.CreateAsync(Pod("web-3"), TestToken);
        var asked = new List<long>();

        var seen = await TakeAsync(store.WatchAsync<V1Pod>(null, start, v => { asked.Add(v); return v == Version(b); }, TestToken), 2);

        Assert.Equal(["web-1", "web-3"], seen.Select(e => e.Object.Metadata.Name));
        Assert.Equal([Version(a), Version(b), Version(c)], asked);
    }

    [Fact]
    public async Task Exists_AnswersAsGetDoes_ForNamespacedAndClusterScopedObjects()
    {
        var store = OpenStore();
        await store.CreateAsync(Pod("web-1"), TestToken);
        await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "prod" } }, TestToken);

        Assert.True(await store.ExistsAsync<V1Pod>("default", "web-1", TestToken));
        Assert.False(await store.ExistsAsync<V1Pod>("prod", "web-1", TestToken));
        Assert.False(await store.ExistsAsync<V1Pod>("default", "web-2", TestToken));
        Assert.False(await store.ExistsAsync<V1Service>("default", "web-1", TestToken));
        Assert.True(await store.ExistsAsync<V1Namespace>(null, "prod", TestToken));
        Assert.False(await store.ExistsAsync<V1Namespace>(null, "default-2", TestToken));

        await store.DeleteAsync<V1Pod>("default", "web-1", cancellationToken: TestToken);
        Assert.False(await store.ExistsAsync<V1Pod>("default", "web-1", TestToken));
    }

    [Fact]
    public async Task Update_LabelsOrStatusOnly_KeepsGeneration()
    {
        var store = OpenStore();
        var pod = await store.CreateAsync(Pod("web-1"), TestToken);
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        pod.Status = new V1PodStatus { Phase = "Running" };

        var updated = await store.UpdateAsync(pod, TestToken);

        Assert.Equal(1, updated.Metadata.Generation);
        Assert.Equal("Running", updated.Status.Phase);
    }

    [Theory]
    [InlineData(true, 2L, 2L)]
    [InlineData(true, 7L, 2L)]
    [InlineData(false, 2L, 1L)]
    [InlineData(false, 7L, 1L)]
    public async Task Update_GenerationSent_IsOnlyAGuess_TheStoreDecidesBySpec(bool changeSpec, long sent, long expected)
    {
        var store = OpenStore();
        var pod = await store.CreateAsync(Pod("web-1"), TestToken);
        if (changeSpec)
        {
            pod.Spec.NodeName = "agent-1";
        }
        else
        {
            pod.Status = new V1PodStatus { Phase = "Running" };
        }

        pod.Metadata.Generation = sent;
        var updated = await store.UpdateHandedOverAsync(pod, TestToken);

        Assert.Equal(expected, updated.Metadata.Generation);
        Assert.Equal(expected, (await store.GetAsync<V1Pod>("default", "web-1", TestToken))!.Metadata.Generation);
    }

    [Fact]
    public async Task Updates_OneAfterAnother_KeepIdentityAndCountOnlyRealSpecChanges()
    {
        // Several updates in a row: a writer may remember what it stored last (the SQLite writer does).
        var store = OpenStore();
        var pod = Pod("web-1");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["zone"] = "a", ["disk"] = "ssd" };
        var created = await store.CreateAsync(pod, TestToken);

        created.Status = new V1PodStatus { Phase = "Pending" };
        var statusOnly = await store.UpdateAsync(created, TestToken);
        statusOnly.Spec.Containers[0].Image = "nginx:2";
        var specChanged = await store.UpdateAsync(statusOnly, TestToken);
        // The same selector in another order is the same spec.
        specChanged.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd", ["zone"] = "a" };
        var reordered = await store.UpdateAsync(specChanged, TestToken);
        reordered.Status = new V1PodStatus { Phase = "Running" };
        reordered.Metadata.Uid = "forged";
        reordered.Metadata.CreationTimestamp = DateTime.UnixEpoch;
        var last = await store.UpdateAsync(reordered, TestToken);
        specChanged.Status = new V1PodStatus { Phase = "Failed" };

        await Assert.ThrowsAsync<StoreConflictException>(() => store.UpdateAsync(specChanged, TestToken));
        Assert.Equal([1L, 2L, 2L, 2L], new[] { statusOnly, specChanged, reordered, last }.Select(p => p.Metadata.Generation!.Value));
        var stored = (await store.GetAsync<V1Pod>("default", "web-1", TestToken))!;
        Assert.Equal(created.Metadata.Uid, stored.Metadata.Uid);
        Assert.Equal(created.Metadata.CreationTimestamp, stored.Metadata.CreationTimestamp);
        Assert.Equal(("Running", "nginx:2", 2L), (stored.Status.Phase, stored.Spec.Containers[0].Image, stored.Metadata.Generation!.Value));
        Assert.Equal(last.Metadata.ResourceVersion, stored.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Update_StaleVersion_ThrowsConflict()
    {
        var store = OpenStore();
        var first = await store.CreateAsync(Pod("web-1"), TestToken);
        var winner = await store.GetAsync<V1Pod>("default", "web-1", TestToken);
        winner!.Spec.Containers[0].Image = "winner";
        await store.UpdateAsync(winner, TestToken);
        first.Spec.Containers[0].Image = "loser";

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => store.UpdateAsync(first, TestToken));

        Assert.False(error.AlreadyExists);
        Assert.Contains("the object has been modified", error.Message);
        Assert.Equal("winner", (await store.GetAsync<V1Pod>("default", "web-1", TestToken))!.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Update_EmptyVersion_IsUnconditional()
    {
        var store = OpenStore();
        var created = await store.CreateAsync(Pod("web-1"), TestToken);
        await store.UpdateAsync(await store.GetAsync<V1Pod>("default", "web-1", TestToken) ?? throw new InvalidOperationException(), TestToken);
        var blind = Pod("web-1", image: "blind");

        var updated = await store.UpdateAsync(blind, TestToken);

        Assert.Equal("blind", updated.Spec.Containers[0].Image);
        Assert.Equal(created.Metadata.Uid, updated.Metadata.Uid);
    }

    [Fact]
    public async Task Update_Missing_ThrowsNotFound()
    {
        var store = OpenStore();

        var error = await Assert.ThrowsAsync<StoreNotFoundException>(() => store.UpdateAsync(Pod("ghost"), TestToken));

        Assert.Contains("\"ghost\" not found", error.Message);
    }

    [Fact]
    public async Task Delete_Existing_ReturnsLastObjectWithDeletionVersion()
    {
        var store = OpenStore();
        var created = await store.CreateAsync(Pod("web-1"), TestToken);

        var deleted = await store.DeleteAsync<V1Pod>("default", "web-1", cancellationToken: TestToken);

        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        Assert.True(Version(deleted) > Version(created));
        Assert.Equal(Version(deleted), await store.CurrentVersionAsync(TestToken));
        Assert.Null(await store.GetAsync<V1Pod>("default", "web-1", TestToken));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => store.DeleteAsync<V1Pod>("default", "web-1", cancellationToken: TestToken));
    }

    [Fact]
    public async Task Delete_StaleExpectedVersion_ThrowsConflictAndKeepsObject()
    {
        var store = OpenStore();
        var created = await store.CreateAsync(Pod("web-1"), TestToken);
        var updated = await store.UpdateAsync(created, TestToken);

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => store.DeleteAsync<V1Pod>("default", "web-1", created.Metadata.ResourceVersion, TestToken));

        Assert.False(error.AlreadyExists);
        Assert.NotNull(await store.GetAsync<V1Pod>("default", "web-1", TestToken));
        await store.DeleteAsync<V1Pod>("default", "web-1", updated.Metadata.ResourceVersion, TestToken);
        Assert.Null(await store.GetAsync<V1Pod>("default", "web-1", TestToken));
    }

    [Fact]
    public async Task Writes_AcrossKinds_ShareOneIncreasingVersion()
    {
        var store = OpenStore();

        var versions = new List<long>
        {
            Version(await store.CreateAsync(Pod("a"), TestToken)),
            Version(await store.CreateAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = "default" } }, TestToken)),
            Version(await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team" } }, TestToken)),
            Version(await store.CreateAsync(new Corev1Event { Metadata = new V1ObjectMeta { Name = "e", NamespaceProperty = "default" }, Reason = "Scheduled", InvolvedObject = new V1ObjectReference { Name = "a" } }, TestToken)),
            Version(await store.DeleteAsync<V1Pod>("default", "a", cancellationToken: TestToken)),
        };

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Writes_Concurrent_EachSucceedsOrFailsOnItsOwn()
    {
        // SQLite commits concurrent writes as a group: one write's conflict must not fail its neighbours, and every
        // write still gets a version and a watch event of its own.
        var store = OpenStore();
        var existing = await store.CreateAsync(Pod("taken"), TestToken);
        var start = Version(existing);
        var watch = store.WatchAsync<V1Pod>("default", start, TestToken);

        // Task.Run: some backends throw synchronously, which must not stop the others from starting.
        var creates = Enumerable.Range(0, 200).Select(i => Task.Run(() => store.CreateAsync(Pod($"p-{i}"), TestToken), TestToken)).ToList();
        var duplicate = Task.Run(() => store.CreateAsync(Pod("taken"), TestToken), TestToken);
        var stale = existing.Metadata.ResourceVersion;
        var relabel = Task.Run(() => store.UpdateAsync(Labelled(existing, "a=1"), TestToken), TestToken);
        var created = await Task.WhenAll(creates);

        Assert.True((await Assert.ThrowsAsync<StoreConflictException>(() => duplicate)).AlreadyExists);
        var relabelled = await relabel;
        var versions = created.Select(Version).Append(Version(relabelled)).ToList();
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.All(versions, v => Assert.True(v > start));
        Assert.Equal("1", (await store.GetAsync<V1Pod>("default", "taken", TestToken))!.Metadata.Labels["a"]);
        // A second update from the same, now stale, version conflicts.
        existing.Metadata.ResourceVersion = stale;
        await Assert.ThrowsAsync<StoreConflictException>(() => store.UpdateAsync(Labelled(existing, "a=2"), TestToken));

        var events = await TakeAsync(watch, 201);
        Assert.Equal(versions.Order(), events.Select(e => e.ResourceVersion));
        Assert.Equal(200, events.Count(e => e.Type == StoreWatchEventType.Added));
    }

    private static V1Pod Labelled(V1Pod pod, string label)
    {
        var parts = label.Split('=');
        pod.Metadata.Labels = new Dictionary<string, string> { [parts[0]] = parts[1] };
        return pod;
    }

    [Fact]
    public async Task List_ByNamespaceAndSelector_ReturnsMatchesInOrder()
    {
        var store = OpenStore();
        await store.CreateAsync(Pod("b", labels: ["app=web", "env=prod"]), TestToken);
        await store.CreateAsync(Pod("a", labels: ["app=web", "env=dev"]), TestToken);
        await store.CreateAsync(Pod("c", labels: ["app=db"]), TestToken);
        await store.CreateAsync(Pod("a", ns: "other", labels: ["app=web"]), TestToken);
        await store.CreateAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "a", NamespaceProperty = "default" } }, TestToken);
        var last = await store.CreateAsync(Pod("d"), TestToken);

        var all = await store.ListAsync<V1Pod>(new StoreListOptions(), TestToken);
        var inDefault = await store.ListAsync<V1Pod>(new StoreListOptions(Namespace: "default"), TestToken);
        var web = await store.ListAsync<V1Pod>(new StoreListOptions("default", LabelSelector.Parse("app=web")), TestToken);
        var notProd = await store.ListAsync<V1Pod>(new StoreListOptions(LabelSelector: LabelSelector.Parse("app,env notin (prod)")), TestToken);

        Assert.Equal(["default/a", "default/b", "default/c", "default/d", "other/a"], all.Items.Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}"));
        Assert.Equal(["a", "b", "c", "d"], inDefault.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["a", "b"], web.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["default/a", "default/c", "other/a"], notProd.Items.Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}"));
        Assert.All([all, inDefault, web, notProd], l => Assert.Null(l.Continue));
        Assert.Equal(Version(last), all.ResourceVersion);
        Assert.All(all.Items, p => Assert.False(string.IsNullOrEmpty(p.Metadata.ResourceVersion)));
    }

    [Fact]
    public async Task List_ClusterScopedKind_ListsAll()
    {
        var store = OpenStore();
        await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "kube-system" } }, TestToken);
        await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } }, TestToken);

        var list = await store.ListAsync<V1Namespace>(new StoreListOptions(), TestToken);

        Assert.Equal(["default", "kube-system"], list.Items.Select(n => n.Metadata.Name));
    }

    [Fact]
    public async Task List_WithLimit_PagesThroughEverythingOnce()
    {
        var store = OpenStore();
        for (var i = 0; i < 7; i++)
        {
            await store.CreateAsync(Pod($"p{i}", labels: i % 2 == 0 ? ["even=true"] : []), TestToken);
        }

        var names = new List<string>();
        var pages = 0;
        long? firstVersion = null;
        string? next = null;
        do
        {
            var page = await store.ListAsync<V1Pod>(new StoreListOptions(Limit: 3, Continue: next), TestToken);
            firstVersion ??= page.ResourceVersion;
            Assert.Equal(firstVersion, page.ResourceVersion);
            Assert.True(page.Items.Count <= 3);
            names.AddRange(page.Items.Select(p => p.Metadata.Name));
            next = page.Continue;
            pages++;
        }
        while (next is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p{i}"), names);
        Assert.Equal(3, pages);

        var even = await store.ListAsync<V1Pod>(new StoreListOptions(LabelSelector: LabelSelector.Parse("even"), Limit: 2), TestToken);
        Assert.Equal(["p0", "p2"], even.Items.Select(p => p.Metadata.Name));
        var evenRest = await store.ListAsync<V1Pod>(new StoreListOptions(LabelSelector: LabelSelector.Parse("even"), Limit: 2, Continue: even.Continue), TestToken);
        Assert.Equal(["p4", "p6"], evenRest.Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task List_ContinueAfterWrites_ReturnsEachSurvivorOnceInOrder()
    {
        var store = OpenStore();
        foreach (var name in new[] { "b", "d", "f", "h", "j" })
        {
            await store.CreateAsync(Pod(name), TestToken);
        }

        var first = await store.ListAsync<V1Pod>(new StoreListOptions(Limit: 2), TestToken);
        await store.CreateAsync(Pod("a"), TestToken);   // before the cursor
        await store.CreateAsync(Pod("c"), TestToken);   // before the cursor
        await store.UpdateAsync(Pod("h", image: "changed"), TestToken);
        var rest = await store.ListAsync<V1Pod>(new StoreListOptions(Limit: 10, Continue: first.Continue), TestToken);

        var names = first.Items.Concat(rest.Items).Select(p => p.Metadata.Name).ToList();
        Assert.Equal(["b", "d", "f", "h", "j"], names);
        Assert.Null(rest.Continue);
        Assert.Equal(first.ResourceVersion, rest.ResourceVersion);
    }

    [Fact]
    public async Task List_BadContinue_IsRejected()
    {
        var store = OpenStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync<V1Pod>(new StoreListOptions(Continue: "not-a-token"), TestToken));
    }

    [Fact]
    public async Task Watch_FromVersion_SeesAddedModifiedDeletedInOrder()
    {
        var store = OpenStore();
        await store.CreateAsync(Pod("before"), TestToken);
        var start = await store.CurrentVersionAsync(TestToken);
        var created = await store.CreateAsync(Pod("web-1"), TestToken);
        await store.CreateAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "default" } }, TestToken);
        created.Spec.Containers[0].Image = "nginx:2";
        var updated = await store.UpdateAsync(created, TestToken);
        var deleted = await store.DeleteAsync<V1Pod>("default", "web-1", cancellationToken: TestToken);

        var events = await TakeAsync(store.WatchAsync<V1Pod>("default", start, TestToken), 3);

        Assert.Equal([StoreWatchEventType.Added, StoreWatchEventType.Modified, StoreWatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal([Version(created), Version(updated), Version(deleted)], events.Select(e => e.ResourceVersion));
        Assert.All(events, e => Assert.Equal(e.ResourceVersion, Version(e.Object)));
        Assert.Equal("nginx", events[0].Object.Spec.Containers[0].Image);
        Assert.Equal("nginx:2", events[1].Object.Spec.Containers[0].Image);
        Assert.Equal("nginx:2", events[2].Object.Spec.Containers[0].Image);
        Assert.Equal(created.Metadata.Uid, events[2].Object.Metadata.Uid);
    }

    [Fact]
    public async Task WatchMetadata_SeesTheSameChanges_WithKindAndMetadata()
    {
        var store = OpenStore();
        var start = await store.CurrentVersionAsync(TestToken);
        var created = await store.CreateAsync(Pod("web-1", labels: "app=web"), TestToken);
        created.Metadata.Labels["app"] = "api";
        var updated = await store.UpdateAsync(created, TestToken);
        var deleted = await store.DeleteAsync<V1Pod>("default", "web-1", cancellationToken: TestToken);

        var events = await TakeAsync(store.WatchMetadataAsync<V1Pod>("default", start, TestToken), 3);

        Assert.Equal([StoreWatchEventType.Added, StoreWatchEventType.Modified, StoreWatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal([Version(created), Version(updated), Version(deleted)], events.Select(e => e.ResourceVersion));
        Assert.All(events, e => Assert.Equal(e.ResourceVersion, Version(e.Object)));
        Assert.All(events, e => Assert.Equal(("v1", "Pod", "web-1", created.Metadata.Uid), (e.Object.ApiVersion, e.Object.Kind, e.Object.Metadata.Name, e.Object.Metadata.Uid)));
        Assert.Equal(["web", "api", "api"], events.Select(e => e.Object.Metadata.Labels["app"]));
    }

    [Fact]
    public async Task Watch_OneNamespace_SeesOnlyThatNamespace()
    {
        var store = OpenStore();
        var start = await store.CurrentVersionAsync(TestToken);
        await store.CreateAsync(Pod("x", ns: "other"), TestToken);
        await store.CreateAsync(Pod("y", ns: "mine"), TestToken);
        await store.CreateAsync(Pod("z", ns: "other"), TestToken);
        await store.CreateAsync(Pod("w", ns: "mine"), TestToken);

        var mine = await TakeAsync(store.WatchAsync<V1Pod>("mine", start, TestToken), 2);
        var all = await TakeAsync(store.WatchAsync<V1Pod>(null, start, TestToken), 4);

        Assert.Equal(["y", "w"], mine.Select(e => e.Object.Metadata.Name));
        Assert.Equal(["x", "y", "z", "w"], all.Select(e => e.Object.Metadata.Name));
    }

    [Fact]
    public async Task Watch_ConcurrentWriters_SeesEveryChangeInVersionOrder()
    {
        const int writers = 4;
        const int objectsPerWriter = 10;
        var store = OpenStore();
        var start = await store.CurrentVersionAsync(TestToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        var watching = TakeAsync(store.WatchAsync<V1Pod>(null, start, cts.Token), writers * objectsPerWriter * 3);

        var written = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var versions = new List<long>();
            for (var i = 0; i < objectsPerWriter; i++)
            {
                var pod = await store.CreateAsync(Pod($"w{w}-{i}", ns: $"ns{w % 2}"), TestToken);
                versions.Add(Version(pod));
                pod.Spec.Containers[0].Image = "v2";
                versions.Add(Version(await store.UpdateAsync(pod, TestToken)));
                versions.Add(Version(await store.DeleteAsync<V1Pod>(pod.Metadata.NamespaceProperty, pod.Metadata.Name, cancellationToken: TestToken)));
            }

            return versions;
        }, TestToken)));
        var events = await watching;

        var versionsSeen = events.Select(e => e.ResourceVersion).ToList();
        Assert.Equal(versionsSeen.Order(), versionsSeen);
        Assert.Equal(written.SelectMany(v => v).Order(), versionsSeen);
        foreach (var perObject in events.GroupBy(e => e.Object.Metadata.Name))
        {
            Assert.Equal([StoreWatchEventType.Added, StoreWatchEventType.Modified, StoreWatchEventType.Deleted], perObject.Select(e => e.Type));
        }
    }

    [Fact]
    public async Task Watch_FromNow_SeesOnlyLaterWrites()
    {
        var store = OpenStore();
        await store.CreateAsync(Pod("old"), TestToken);
        await using var watch = store.WatchAsync<V1Pod>(null, null, TestToken).GetAsyncEnumerator(TestToken);
        var first = watch.MoveNextAsync().AsTask();

        // "Now" is when the watch is established; write until it reports, without guessing how long that takes.
        var written = new List<string>();
        for (var i = 0; !first.IsCompleted && i < 1000; i++)
        {
            written.Add((await store.CreateAsync(Pod($"new-{i}"), TestToken)).Metadata.Name);
        }

        Assert.True(await first.WaitAsync(Timeout, TestToken));
        Assert.StartsWith("new-", watch.Current.Object.Metadata.Name);
        Assert.Equal(StoreWatchEventType.Added, watch.Current.Type);
        var index = written.IndexOf(watch.Current.Object.Metadata.Name);
        await store.CreateAsync(Pod("last"), TestToken);
        foreach (var expected in written.Skip(index + 1).Append("last"))
        {
            Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Timeout, TestToken));
            Assert.Equal(expected, watch.Current.Object.Metadata.Name);
        }
    }

    [Fact]
    public async Task Watch_FromListVersion_SeesChangesAfterTheList()
    {
        var store = OpenStore();
        await store.CreateAsync(Pod("a"), TestToken);
        var list = await store.ListAsync<V1Pod>(new StoreListOptions(), TestToken);
        await store.CreateAsync(Pod("b"), TestToken);

        var events = await TakeAsync(store.WatchAsync<V1Pod>(null, list.ResourceVersion, TestToken), 1);

        Assert.Equal("b", events[0].Object.Metadata.Name);
    }

    [Fact]
    public async Task Watch_CompactedVersion_ThrowsGone()
    {
        var store = OpenStore(watchHistory: 5);
        var start = await store.CurrentVersionAsync(TestToken);
        for (var i = 0; i < 20; i++)
        {
            await store.CreateAsync(Pod($"p{i}"), TestToken);
        }

        await Assert.ThrowsAsync<StoreVersionGoneException>(() => TakeAsync(store.WatchAsync<V1Pod>(null, start, TestToken), 1));
        var recent = await store.CurrentVersionAsync(TestToken) - 1;
        var events = await TakeAsync(store.WatchAsync<V1Pod>(null, recent, TestToken), 1);
        Assert.Equal("p19", events[0].Object.Metadata.Name);
    }

    [Fact]
    public async Task Watch_Cancelled_Ends()
    {
        var store = OpenStore();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        await using var watch = store.WatchAsync<V1Pod>(null, null, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Timeout, TestToken));
    }
}
