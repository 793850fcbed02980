using System.Collections.Immutable;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;
using Xunit;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class ShellModelTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static readonly Dictionary<string, string> NoLabels = [];

    private static PodView Pod(string ns, string name, string phase = PodPhases.Running, string? agent = "a1") =>
        new(ns, name, phase, agent, agent, null, 1, 512, NoLabels, T0, null);

    private static AgentView Agent(string id, string host, double cpusUsed, double cpus = 4) =>
        new(id, host, cpus, 8192, cpusUsed, 2048, 1, new Dictionary<string, string> { ["rack"] = "r1" })
        {
            DiskCapacityMb = 1000, DiskUsedMb = 250, PortsCapacity = 100, PortsUsed = 10,
        };

    private static ClusterSnapshot With(params ClusterChange[] changes) => ClusterSnapshot.Empty().Apply(changes);

    [Theory]
    [InlineData("pods", null, "pods")]
    [InlineData("pods", "team-a", "pods?ns=team-a")]
    [InlineData("pods?phase=Running", "team-a", "pods?ns=team-a&phase=Running")]
    [InlineData("pods?ns=old&phase=Running", null, "pods?phase=Running")]
    [InlineData("pods?ns=old", "new", "pods?ns=new")]
    [InlineData("", "a b", "?ns=a%20b")]
    public void NamespaceQuery_Link_KeepsOrDropsTheChoice(string path, string? ns, string expected) =>
        Assert.Equal(expected, NamespaceQuery.Link(path, ns));

    [Fact]
    public void NamespaceQuery_Matches_NullOrBlankMeansAll()
    {
        Assert.True(NamespaceQuery.Matches(null, "x"));
        Assert.True(NamespaceQuery.Matches(" ", "x"));
        Assert.True(NamespaceQuery.Matches("x", "x"));
        Assert.False(NamespaceQuery.Matches("x", "y"));
    }

    [Fact]
    public void NamespaceQuery_Namespaces_FromPodsServicesControllersAndTheChoice()
    {
        var snapshot = With(new PodUpdated(Pod("b", "p1")), new PodUpdated(Pod("a", "p2"))) with
        {
            Services = ImmutableDictionary<string, ServiceView>.Empty.Add("c/s", new ServiceView("c", "s", "u", NoLabels, NoLabels, [], T0)),
        };

        Assert.Equal(["a", "b", "c", "chosen"], NamespaceQuery.Namespaces(snapshot, "chosen"));
    }

    [Fact]
    public void RingBuffer_OverCapacity_KeepsNewestInOrder()
    {
        var ring = new RingBuffer<int>(3);
        foreach (var i in Enumerable.Range(1, 5))
        {
            ring.Add(i);
        }

        Assert.Equal([3, 4, 5], ring.ToArray());
        Assert.Equal(5, ring.Last);
    }

    [Fact]
    public void ClusterHistory_ObserveAndTick_OneSamplePerSecondWithPlacementsCounted()
    {
        var history = new ClusterHistory(seconds: 10);
        var snapshot = With(new AgentUpdated(Agent("a1", "h1", cpusUsed: 1)), new PodUpdated(Pod("default", "q", PodPhases.Pending, agent: null)));

        history.Observe(snapshot, placed: 2, T0);
        history.Observe(snapshot, placed: 3, T0.AddMilliseconds(500));
        history.Tick(T0.AddSeconds(3));

        var samples = history.Samples();
        Assert.Equal(4, samples.Count);
        Assert.Equal([5, 0, 0, 0], samples.Select(s => s.Placed));
        Assert.All(samples, s => Assert.Equal(25, s.CpuPercent));
        Assert.All(samples, s => Assert.Equal(1, s.Pending));
        Assert.Equal(T0.AddSeconds(3), samples[^1].At);
    }

    [Fact]
    public void ClusterHistory_EachSecondKeepsTheFiguresOfItsLastSnapshot()
    {
        var history = new ClusterHistory(seconds: 10);
        var one = With(new AgentUpdated(Agent("a1", "h1", cpusUsed: 1)), new PodUpdated(Pod("default", "q1", PodPhases.Pending, agent: null)));
        var two = one.Apply(new PodUpdated(Pod("default", "q2", PodPhases.Pending, agent: null)));
        var three = two.Apply(new AgentUpdated(Agent("a1", "h1", cpusUsed: 2)));

        history.Observe(one, placed: 0, T0);
        history.Observe(two, placed: 0, T0.AddMilliseconds(900));
        history.Observe(three, placed: 0, T0.AddSeconds(1));
        history.Observe(three.Apply(new PodRemoved("default", "q1")), placed: 0, T0.AddSeconds(1.5));

        var samples = history.Samples();
        Assert.Equal([(25.0, 2), (50.0, 1)], samples.Select(s => (s.CpuPercent, s.Pending)));
    }

    [Fact]
    public void ClusterHistory_LongQuietGap_BoundedByCapacity()
    {
        var history = new ClusterHistory(seconds: 5);
        history.Observe(ClusterSnapshot.Empty(), 1, T0);

        history.Tick(T0.AddHours(1));

        var samples = history.Samples();
        Assert.Equal(5, samples.Count);
        Assert.Equal(T0.AddHours(1), samples[^1].At);
        Assert.All(samples, s => Assert.Equal(0, s.Placed));
    }

    [Fact]
    public void OverviewModel_Totals_InUseOfferedIdle()
    {
        var snapshot = With(
            new AgentUpdated(Agent("a1", "h1", cpusUsed: 1)),
            new AgentUpdated(Agent("a2", "h2", cpusUsed: 0)),
            new OfferReceived(new OfferView("o1", "a2", "h2", 2, 1024, 100, "", T0)),
            new PodUpdated(Pod("default", "p1")),
            new PodUpdated(Pod("default", "p2", PodPhases.Pending, agent: null)),
            new PodUpdated(Pod("other", "p3")),
            new ReplicationControllerUpdated(new ReplicationControllerView("default", "web", "u1", 3, 3, 2, NoLabels, NoLabels, NoLabels, T0)),
            new ReplicationControllerUpdated(new ReplicationControllerView("default", "ok", "u2", 1, 1, 1, NoLabels, NoLabels, NoLabels, T0)),
            new EventRecorded(new EventView("default", "e1", EventView.Warning, "FailedScheduling", "0/2 agents fit", "Pod", "default", "p2", 1, T0)),
            new EventRecorded(new EventView("default", "e2", EventView.Normal, "Scheduled", "ok", "Pod", "default", "p1", 1, T0)));

        var all = new OverviewModel(snapshot);
        var cpu = all.Resources[0];
        Assert.Equal((8.0, 1.0, 2.0, 5.0), (cpu.Total, cpu.InUse, cpu.Offered, cpu.Idle));
        Assert.Equal(500, all.Resources[2].InUse);
        Assert.Equal(2, all.Agents);
        Assert.Equal(3, all.Pods);
        Assert.Equal(2, all.PodsByPhase.Single(p => p.Name == PodPhases.Running).Count);
        Assert.Equal((2, 1), (all.ReplicationControllers, all.HealthyReplicationControllers));
        Assert.Equal("web", Assert.Single(all.UnhealthyControllers).Name);
        Assert.Equal("FailedScheduling", Assert.Single(all.Warnings).Reason);
        Assert.False(all.IsEmpty);

        var other = new OverviewModel(snapshot, "other");
        Assert.Equal(1, other.Pods);
        Assert.Equal(0, other.ReplicationControllers);
        Assert.Empty(other.Warnings);
    }

    [Fact]
    public void OverviewModel_NothingRuns_IsEmpty() => Assert.True(new OverviewModel(ClusterSnapshot.Empty()).IsEmpty);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.1, 1)]
    [InlineData(10, 1)]
    [InlineData(10.1, 2)]
    [InlineData(55, 6)]
    [InlineData(100, 10)]
    [InlineData(150, 10)]
    public void AgentsViewModel_Level_IdleIsZeroOtherwiseTenths(double percent, int level) =>
        Assert.Equal(level, AgentsViewModel.Level(percent));

    [Fact]
    public void AgentsViewModel_CellsByResourceAndFilter()
    {
        var snapshot = With(new AgentUpdated(Agent("a1", "alpha", cpusUsed: 4)), new AgentUpdated(Agent("a2", "beta", cpusUsed: 0) with
        {
            Attributes = new Dictionary<string, string> { ["zone"] = "eu" },
        }));

        var cpus = new AgentsViewModel(snapshot, AgentResource.Cpus, null);
        Assert.Equal([10, 0], cpus.Cells.Select(c => c.Level));
        Assert.Contains("CPU 100% (4.00 / 4.00 cpus)", cpus.Cells[0].Tooltip);
        Assert.Equal("agents/a1", cpus.Cells[0].Href);

        var disk = new AgentsViewModel(snapshot, AgentResource.Disk, null);
        Assert.Equal([3, 3], disk.Cells.Select(c => c.Level));

        var filtered = new AgentsViewModel(snapshot, AgentResource.Cpus, "zone=eu");
        Assert.Equal(["beta"], filtered.Rows.Select(r => r.Hostname));
        Assert.Equal(2, filtered.Total);
    }

    [Theory]
    [InlineData(null, AgentResource.Cpus)]
    [InlineData("mem", AgentResource.Mem)]
    [InlineData("PORTS", AgentResource.Ports)]
    [InlineData("bogus", AgentResource.Cpus)]
    [InlineData("7", AgentResource.Cpus)]
    public void AgentsViewModel_ParseResource(string? value, AgentResource expected) =>
        Assert.Equal(expected, AgentsViewModel.ParseResource(value));

    [Fact]
    public void AgentDetailModel_PodsOfTheAgentOnly_GoneAgentIsNull()
    {
        var snapshot = With(new AgentUpdated(Agent("a1", "alpha", 1)), new PodUpdated(Pod("default", "p1", agent: "a1")), new PodUpdated(Pod("default", "p2", agent: "a2")));

        var detail = new AgentDetailModel(snapshot, "a1");
        Assert.Equal(["p1"], detail.Pods.Select(p => p.Name));
        Assert.Equal("25", detail.Row!.DiskPercent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(new AgentDetailModel(snapshot, "gone").Agent);
    }

    [Fact]
    public void AddAgentModel_SameRulesAsTheOperatorApi()
    {
        var model = new AddAgentModel { Hostname = " ", Cpus = 0, MemMb = -1, DiskMb = -5, Attributes = "rack=r1, bad" };

        var errors = model.Errors();

        Assert.Equal("Required value", errors[AddAgentModel.HostnameField]);
        Assert.Equal("must be greater than 0", errors[AddAgentModel.CpusField]);
        Assert.Equal("must be greater than 0", errors[AddAgentModel.MemField]);
        Assert.Equal("must not be negative", errors[AddAgentModel.DiskField]);
        Assert.Equal("'bad' is not name=value.", errors[AddAgentModel.AttributesField]);
        Assert.False(model.IsValid);
    }

    [Fact]
    public void AddAgentModel_Valid_DefinitionWithParsedAttributes()
    {
        var model = new AddAgentModel { Hostname = " new.local ", Cpus = 2, MemMb = 1024, DiskMb = 0, Attributes = "rack=r1,\nzone = a" };

        Assert.True(model.IsValid);
        var definition = model.ToDefinition();
        Assert.Equal("new.local", definition.Hostname);
        Assert.Equal(new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "a" }, definition.Attributes);
    }

    [Fact]
    public void AddAgentModel_DuplicateAttribute_Refused() =>
        Assert.Equal("Attribute 'rack' is given twice.", AddAgentModel.ParseAttributes("rack=a, rack=b").Error);

    [Fact]
    public void ShortcutMap_GThenLetter_NavigatesOtherKeysAct()
    {
        var map = new ShortcutMap();

        Assert.Equal(ShortcutAction.AwaitSecondKey, map.Press("g").Action);
        Assert.Equal((ShortcutAction.Navigate, "agents"), map.Press("a"));
        Assert.Equal(ShortcutAction.None, map.Press("a").Action);
        map.Press("g");
        Assert.Equal((ShortcutAction.Navigate, ""), map.Press("o"));
        map.Press("g");
        Assert.Equal(ShortcutAction.None, map.Press("z").Action);
        Assert.Equal(ShortcutAction.Help, map.Press("?").Action);
        Assert.Equal(ShortcutAction.Palette, map.Press("k", ctrl: true).Action);
        Assert.Equal(ShortcutAction.Palette, map.Press("/").Action);
        Assert.Equal(ShortcutAction.ToggleTheme, map.Press("t").Action);
    }

    [Fact]
    public void CommandPalette_FindsPodsServicesControllersAgents_PrefixFirst_ArrowsMoveSelection()
    {
        var snapshot = With(
            new PodUpdated(Pod("default", "web-1")),
            new PodUpdated(Pod("default", "api-web")),
            new AgentUpdated(Agent("a1", "web-host", 0)),
            new ServiceUpdated(new ServiceView("default", "web", "u", NoLabels, NoLabels, [], T0)),
            new ReplicationControllerUpdated(new ReplicationControllerView("shop", "webshop", "u", 1, 1, 1, NoLabels, NoLabels, NoLabels, T0)));
        var model = new CommandPaletteModel();

        model.Search(snapshot, "web");

        Assert.Equal(["Pod:web-1", "Service:web", "Replication controller:webshop", "Agent:web-host", "Pod:api-web"],
            model.Results.Select(r => $"{r.Kind}:{r.Name}"));
        Assert.Equal("pods/default/web-1", model.SelectedItem!.Href);
        model.MoveDown();
        Assert.Equal("services/default/web", model.SelectedItem!.Href);
        model.MoveUp();
        model.MoveUp();
        Assert.Equal(0, model.Selected);

        model.Search(snapshot, "agent web");
        Assert.Equal("agents/a1", Assert.Single(model.Results).Href);
    }

    [Fact]
    public void SchedulingViewModel_WaitingText()
    {
        Assert.Equal("Paused: no changes waiting", SchedulingViewModel.WaitingText(0));
        Assert.Equal("Paused: 1 change waiting", SchedulingViewModel.WaitingText(1));
        Assert.Equal("Paused: 1,200 changes waiting", SchedulingViewModel.WaitingText(1200));
    }
}
