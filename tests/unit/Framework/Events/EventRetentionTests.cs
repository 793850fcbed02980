using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KubeMesos.Tests.Unit.Framework.Events;

public sealed class EventRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Corev1Event Event(string name, DateTime last, string ns = "default") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = ns },
        Reason = "Scheduled",
        Message = "Successfully assigned",
        Type = "Normal",
        Count = 1,
        FirstTimestamp = last,
        LastTimestamp = last,
    };

    [Fact]
    public async Task Sweep_DeletesOnlyEventsLastSeenBeforeTheTtl_AcrossPagesAndNamespaces()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        using var store = new InMemoryObjectStore(timeProvider: time);
        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 1_200; i++)
        {
            // More than two list pages of old Events, in two namespaces.
            await store.CreateAsync(Event($"old-{i:D4}", now.AddHours(-2), i % 2 == 0 ? "default" : "team"), Ct);
        }

        await store.CreateAsync(Event("young", now.AddMinutes(-10)), Ct);
        await store.CreateAsync(Event("just-inside", now.AddMinutes(-59)), Ct);
        var retention = new EventRetention(store, Options.Create(new EventRetentionOptions { Ttl = TimeSpan.FromHours(1) }), time, NullLogger<EventRetention>.Instance);

        var deleted = await retention.SweepAsync(Ct);

        Assert.Equal(1_200, deleted);
        var left = await store.ListAsync<Corev1Event>(new StoreListOptions(), Ct);
        Assert.Equal(["just-inside", "young"], left.Items.Select(e => e.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, await retention.SweepAsync(Ct));
        Assert.Equal(1_200, retention.Deleted);
    }

    [Fact]
    public async Task Sweep_AfterTheClockMoves_ExpiresWhatAged()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        using var store = new InMemoryObjectStore(timeProvider: time);
        await store.CreateAsync(Event("scheduled", time.GetUtcNow().UtcDateTime), Ct);
        var retention = new EventRetention(store, Options.Create(new EventRetentionOptions { Ttl = TimeSpan.FromMinutes(30) }), time, NullLogger<EventRetention>.Instance);

        Assert.Equal(0, await retention.SweepAsync(Ct));
        time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(1, await retention.SweepAsync(Ct));
        Assert.Null(await store.GetAsync<Corev1Event>("default", "scheduled", Ct));
    }
}
