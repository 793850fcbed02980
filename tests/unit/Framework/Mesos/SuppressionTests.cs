using k8s.Models;
using KubeMesos.Tests.Unit.Support;
using Mesos.V1.Scheduler;
using static KubeMesos.Tests.Unit.Support.ScriptedEvents;

namespace KubeMesos.Tests.Unit.Framework.Mesos;

/// <summary>
/// SUPPRESS and REVIVE around a burst (<c>Scheduler:SuppressIdleTime</c>) against a scripted master that records every
/// call: pods that keep coming get their offers' leftovers back at once and no SUPPRESS between them, so none of them
/// has to REVIVE.
/// </summary>
public sealed class SuppressionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Call.Types.Type[] s_offerCalls = [Call.Types.Type.Suppress, Call.Types.Type.Revive, Call.Types.Type.Accept];

    [Fact]
    public async Task PodsStillComing_NoSuppressOrReviveBetweenThem_LeftoversComeBackAtOnce()
    {
        await using var master = await ScriptedMaster.StartAsync();
        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = master.Address.ToString(),
            ["Mesos:Embedded:Enabled"] = "false",
            ["Scheduler:HousekeepingInterval"] = "00:00:00.050",
            // Longer than the test: once the first pod came, pods are "still coming" throughout.
            ["Scheduler:SuppressIdleTime"] = "01:00:00",
        });
        master.Send(Subscribed());
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "SUBSCRIBED");
        // Nothing ever came: idle from the start.
        Assert.Equal(Call.Types.Type.Suppress, (await master.NextCallOfAsync(s_offerCalls, Timeout)).Type);

        await host.Pods.CreateAsync(Pod("first"), TestContext.Current.CancellationToken);
        Assert.Equal(Call.Types.Type.Revive, (await master.NextCallOfAsync(s_offerCalls, Timeout)).Type);
        master.Send(Offer("O1"));
        var first = await master.NextCallOfAsync(s_offerCalls, Timeout);
        Assert.Equal(Call.Types.Type.Accept, first.Type);
        // The queue is empty now, but the burst is on: the offer's leftovers are not refused.
        Assert.Equal(0, first.Accept.Filters.RefuseSeconds);

        // Housekeeping runs many times before the next pod; none of them suppresses.
        await FeedWaiter.WaitForAsync(host.Feed, s => s.Pods.TryGetValue("default/first", out var p) && p.AgentId is not null, Timeout, "first placed");
        await host.Pods.CreateAsync(Pod("second"), TestContext.Current.CancellationToken);
        master.Send(Offer("O2"));
        var second = await master.NextCallOfAsync(s_offerCalls, Timeout);
        Assert.Equal(Call.Types.Type.Accept, second.Type);
        Assert.Equal(["O2"], second.Accept.OfferIds.Select(o => o.Value));
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("3") } } }] },
    };
}
