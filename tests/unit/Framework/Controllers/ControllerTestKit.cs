using k8s.Models;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;

namespace KubeMesos.Tests.Unit.Framework.Controllers;

/// <summary>Objects and store conditions for the controller integration tests.</summary>
internal static class ControllerTestKit
{
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static V1ReplicationController Rc(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["app"] = name },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container
                    {
                        Name = "main", Image = "nginx",
                        Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }],
                        Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("16Mi") } },
                    }],
                },
            },
        },
    };

    public static V1Service Service(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Name = "web", Port = 80, TargetPort = "http" }],
        },
    };

    public static async Task<IReadOnlyList<V1Pod>> PodsAsync(IObjectStore store, string app, CancellationToken ct) =>
        (await store.ListAsync<V1Pod>(new StoreListOptions("default", KubeMesos.Shared.Labels.LabelSelector.Parse($"app={app}")), ct)).Items;

    /// <summary>
    /// Exactly <paramref name="replicas"/> pods of the controller, all Running and Ready, no others (finished or
    /// terminating) left, and the status says so.
    /// </summary>
    public static async Task<bool> SettledAsync(IObjectStore store, string name, int replicas, CancellationToken ct)
    {
        var pods = await PodsAsync(store, name, ct);
        var rc = await store.GetAsync<V1ReplicationController>("default", name, ct);
        return pods.Count == replicas
               && pods.All(p => p.Status?.Phase == PodPhases.Running && PodStates.IsReady(p) && !PodStates.IsTerminating(p))
               && rc?.Status is { } s && s.Replicas == replicas && s.ReadyReplicas == replicas && s.AvailableReplicas == replicas
               && s.ObservedGeneration == rc.Metadata.Generation;
    }

    public static async Task WaitSettledAsync(IObjectStore store, string name, int replicas, string what) =>
        await StoreWaiter.WaitForAsync(store, ct => SettledAsync(store, name, replicas, ct), WaitTimeout, what, () => DescribeAsync(store, name));

    /// <summary>The service's Endpoints list exactly its ready matching pods, each at its chosen host port.</summary>
    public static async Task<bool> EndpointsMatchAsync(IObjectStore store, string service, CancellationToken ct)
    {
        var endpoints = await store.GetAsync<V1Endpoints>("default", service, ct);
        var expected = (await PodsAsync(store, service, ct))
            .Where(p => PodStates.IsActive(p) && PodStates.IsReady(p))
            .Select(p => $"{p.Metadata.Name}@{p.Spec.NodeName}:{p.Metadata.Annotations["k8s.mesosphere.io/port_TCP_8080"]}")
            .Order(StringComparer.Ordinal);
        var actual = (endpoints?.Subsets ?? [])
            .SelectMany(s => (s.Addresses ?? []).Select(a => $"{a.TargetRef.Name}@{a.NodeName}:{Assert.Single(s.Ports).Port}"))
            .Order(StringComparer.Ordinal);
        return endpoints is not null && expected.SequenceEqual(actual);
    }

    public static async Task UpdateRcAsync(IObjectStore store, string name, Action<V1ReplicationController> change)
    {
        while (true)
        {
            var rc = (await store.GetAsync<V1ReplicationController>("default", name, Ct))!;
            change(rc);
            try
            {
                await store.UpdateAsync(rc, Ct);
                return;
            }
            catch (StoreConflictException)
            {
                // The manager wrote its status meanwhile: apply the change to the newer version.
            }
        }
    }

    public static async Task<string> DescribeAsync(IObjectStore store, string app)
    {
        var pods = await PodsAsync(store, app, Ct);
        var rc = await store.GetAsync<V1ReplicationController>("default", app, Ct);
        return $"RC status: {rc?.Status?.Replicas}/{rc?.Status?.ReadyReplicas}/{rc?.Status?.AvailableReplicas} gen {rc?.Status?.ObservedGeneration}/{rc?.Metadata.Generation}. "
               + $"{pods.Count} pods: " + string.Join("; ", pods.Select(p => $"{p.Metadata.Name} {p.Status?.Phase} {p.Spec.NodeName}{(PodStates.IsTerminating(p) ? " terminating" : string.Empty)}"));
    }
}
