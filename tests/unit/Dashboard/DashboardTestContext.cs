using Bunit;
using Bunit.TestDoubles;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Dashboard.Model;
using KubeMesos.Dashboard.Security;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace KubeMesos.Tests.Unit.Dashboard;

/// <summary>
/// Shared bUnit set-up: loose JS interop, MudBlazor services without transitions, a real <see cref="ClusterFeed"/>
/// the test publishes into, and a fake <see cref="IPodService"/>.
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext()
    {
        // bUnit's 1 s default is too short for a render of 10,000 rows on a loaded 2-core CI box; a wait still ends
        // as soon as its condition holds.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Feed = new ClusterFeed(Options.Create(new ClusterFeedOptions()));
        Services.AddSingleton<IClusterFeed>(Feed);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Options.Create(new DashboardOptions { RenderThrottle = TimeSpan.FromMilliseconds(20), RenderInterval = TimeSpan.FromMilliseconds(20) }));
        Services.AddSingleton<IPodService>(PodService);
        Services.AddSingleton(History);
        Services.AddSingleton(Timeline);
        // Insight questions go into a real inbox; a test that wants answers reads it (SchedulerStandIn).
        Services.AddSingleton(Inbox);
        Services.AddSingleton<KubeMesos.Framework.Scheduling.Insight.SchedulerInsight>();
        // The embedded master as a real object, not started: its operator methods work on its agent table.
        var embedded = Options.Create(new EmbeddedMasterOptions { AgentCount = 2 });
        Services.AddSingleton(embedded);
        Services.AddSingleton(sp => new EmbeddedMesosMaster(embedded, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System));
        // The frameworks panel (Overview, Agents) reads the master the feed says we are subscribed to: none here, so it
        // shows that it is not connected; a test that wants frameworks registers its own source after this.
        Services.AddSingleton<IHttpClientFactory, KubeMesos.Tests.Unit.Support.PlainHttpClientFactory>();
        Services.AddSingleton<KubeMesos.Framework.Mesos.Client.MasterOperatorClient>();
        Services.AddSingleton<FrameworksSource>();
        Services.AddSingleton(Leadership);
        Authorization = AddAuthorization();
        SignInAs(ClusterRoles.Operator);

        // The real write path over an in-memory store (a test may register another IObjectStore after this).
        Services.AddSingleton<IObjectStore>(_ => Store);
        Services.AddSingleton(Options.Create(new ClusterApiOptions()));
        Services.AddSingleton<ApiContext>();
        Services.AddSingleton<ClusterWriter>();
        Services.AddDashboardForms(); // the Overview's Load sample workload
        NamespaceResource.EnsureDefaultAsync(Store, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>bUnit's authorization: who the page's user is and which policies they meet.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the page's user in with a role; an operator meets <see cref="ClusterAccess.OperatorPolicy"/>.</summary>
    protected void SignInAs(string role)
    {
        Authorization.SetAuthorized("tester");
        Authorization.SetRoles(role);
        Authorization.SetPolicies(role == ClusterRoles.Operator ? [ClusterAccess.OperatorPolicy] : []);
    }

    protected ClusterHistory History { get; } = new();

    /// <summary>Who leads, as the leader chip reads it: by default the single replica's state before it starts.</summary>
    protected KubeMesos.Framework.Leadership.LeadershipState Leadership { get; } =
        new(Options.Create(new KubeMesos.Framework.Leadership.LeadershipOptions { ReplicaId = "replica-a" }));

    protected AgentTimeline Timeline { get; } = new();

    /// <summary>The scheduler's inbox, where the pod page's explanation questions go.</summary>
    protected KubeMesos.Framework.Scheduling.SchedulerInbox Inbox { get; } = new();

    /// <summary>The store behind <see cref="ClusterWriter"/> (disposed with the container).</summary>
    protected InMemoryObjectStore Store { get; } = new();

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected ClusterFeed Feed { get; }

    protected FakePodService PodService { get; } = new();

    protected static DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected static OfferView Offer(string id, string host, double cpus = 2, double memMb = 4096) =>
        new(id, "agent-" + host, host, cpus, memMb, 10240, "31000-32000", Now.AddSeconds(-5));

    protected static PodView Pod(string name, string phase = PodPhases.Pending, string? node = null, string? message = null) =>
        new("default", name, phase, node, node is null ? null : "agent-" + node, null, 0.5, 256,
            new Dictionary<string, string>(), Now.AddSeconds(-3), message);

    protected static AgentView Agent(string id, string host, double cpusUsed, double cpus, double memUsed, double mem, int pods = 1) =>
        new(id, host, cpus, mem, cpusUsed, memUsed, pods, new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "a" });

    protected static readonly IReadOnlyDictionary<string, string> WebLabels = new Dictionary<string, string> { ["app"] = "web" };

    protected static ReplicationControllerView RcView(string name, int desired, int current = 0, int ready = 0, string ns = "default") =>
        new(ns, name, "uid-" + name, desired, current, ready, WebLabels, WebLabels, new Dictionary<string, string> { ["team"] = "shop" }, Now.AddMinutes(-5));

    protected static ServiceView ServiceView(string name, string ns = "default") =>
        new(ns, name, "uid-" + name, WebLabels, new Dictionary<string, string> { ["team"] = "shop" }, [new ServicePortView("http", 80, "TCP", "8080")], Now.AddMinutes(-5));

    protected static EventView EventView(string name, string reason, string kind, string obj, string message, DateTimeOffset lastSeen, string type = "Normal") =>
        new("default", name, type, reason, message, kind, "default", obj, 1, lastSeen) { Source = "kubemesos-scheduler" };
}
