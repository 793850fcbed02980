using k8s.Models;
using KubeMesos.Framework.Controllers;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The replication manager's reconciles run in memory until nothing is left to do: each round asks
/// <see cref="ReplicationDecider.Decide"/> what every controller would do with the pods as they then stand, and carries
/// it out as the manager does (owners set with <see cref="PodOwnership"/>, new pods from
/// <see cref="ReplicationDecider.NewPod"/>, deleted pods gone). So a pod one controller releases and another then
/// adopts is followed as the real controllers would follow it. Works on copies; the inputs are not changed.
/// </summary>
public sealed class ReplicationSimulation
{
    /// <summary>Rounds before giving up (a fixpoint takes two or three; burst-limited scale-ups one per burst).</summary>
    public const int MaxRounds = 50;

    private readonly Dictionary<string, Actions> _byController = new(StringComparer.Ordinal);
    private int _created;

    private ReplicationSimulation(List<V1Pod> pods) => Pods = pods;

    /// <summary>The pods once the controllers are done (created ones have names ending in <c>&lt;new N&gt;</c>).</summary>
    public IReadOnlyList<V1Pod> Pods { get; }

    /// <summary>True for a pod the simulation created (its name cannot be a real pod's: it holds '&lt;').</summary>
    public static bool IsCreated(V1Pod pod) => pod?.Metadata.Name?.Contains("<new ", StringComparison.Ordinal) == true;

    /// <summary>What the controller (<c>namespace/name</c>) did over all rounds.</summary>
    public Actions For(string controllerKey) => _byController.TryGetValue(controllerKey, out var a) ? a : Actions.None;

    public static ReplicationSimulation Run(IReadOnlyList<V1ReplicationController> controllers, IEnumerable<V1Pod> pods, DateTime now, int burst)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        ArgumentNullException.ThrowIfNull(pods);
        var simulation = new ReplicationSimulation(pods.Select(CopyForSimulation).ToList());
        var live = controllers.Where(rc => rc.Metadata.DeletionTimestamp is null)
            .OrderBy(rc => rc.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(rc => rc.Metadata.Name, StringComparer.Ordinal).ToList();
        for (var round = 0; round < MaxRounds && simulation.Round(live, now, burst); round++)
        {
        }

        return simulation;
    }

    private List<V1Pod> MutablePods => (List<V1Pod>)Pods;

    /// <returns>True when some controller acted.</returns>
    private bool Round(List<V1ReplicationController> controllers, DateTime now, int burst)
    {
        var acted = false;
        foreach (var rc in controllers)
        {
            var ns = rc.Metadata.NamespaceProperty;
            var plan = ReplicationDecider.Decide(rc, MutablePods.Where(p => p.Metadata.NamespaceProperty == ns), now, burst);
            var key = $"{ns}/{rc.Metadata.Name}";
            var actions = _byController.TryGetValue(key, out var a) ? a : new Actions();
            foreach (var pod in plan.Adopt)
            {
                if (PodOwnership.TrySetController(pod, rc))
                {
                    actions.Adopted.Add(pod.Metadata.Name);
                    var rivals = controllers.Where(other => other != rc && other.Metadata.NamespaceProperty == ns
                        && ReplicationDecider.SelectorOf(other)?.Matches(pod.Metadata) == true).Select(o => o.Metadata.Name).ToList();
                    if (rivals.Count > 0)
                    {
                        actions.Contested.Add(new ContestedPod(pod.Metadata.Name, [rc.Metadata.Name, .. rivals]));
                    }
                }
            }

            foreach (var pod in plan.Release)
            {
                PodOwnership.TrySetController(pod, null);
                actions.Released.Add(pod.Metadata.Name);
            }

            for (var i = 0; i < plan.CreateCount; i++)
            {
                var created = ReplicationDecider.NewPod(rc);
                actions.Created++;
                created.Metadata.Name = $"{rc.Metadata.Name}-<new {++_created}>";
                created.Metadata.Uid = Guid.NewGuid().ToString();
                created.Metadata.CreationTimestamp = now;
                MutablePods.Add(created);
            }

            foreach (var pod in plan.Delete)
            {
                MutablePods.Remove(pod);
                if (IsCreated(pod))
                {
                    actions.Created--; // made and unmade within the simulation: net, nothing
                }
                else
                {
                    actions.Deleted.Add(pod.Metadata.Name);
                }
            }

            acted |= plan.Adopt.Count > 0 || plan.Release.Count > 0 || plan.CreateCount > 0 || plan.Delete.Count > 0;
            _byController[key] = actions;
        }

        return acted;
    }

    /// <summary>A pod whose metadata the simulation may change (labels, owners); spec and status are shared, never written.</summary>
    public static V1Pod CopyForSimulation(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var m = pod.Metadata;
        return new V1Pod
        {
            ApiVersion = pod.ApiVersion,
            Kind = pod.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = m.Name,
                NamespaceProperty = m.NamespaceProperty,
                Uid = m.Uid,
                CreationTimestamp = m.CreationTimestamp,
                DeletionTimestamp = m.DeletionTimestamp,
                ResourceVersion = m.ResourceVersion,
                Annotations = m.Annotations,
                Labels = m.Labels is null ? null : new Dictionary<string, string>(m.Labels, StringComparer.Ordinal),
                OwnerReferences = m.OwnerReferences?.ToList(),
            },
            Spec = pod.Spec,
            Status = pod.Status,
        };
    }

    /// <summary>One controller's actions, in the order taken.</summary>
    public sealed class Actions
    {
        public static readonly Actions None = new();

        public List<string> Adopted { get; } = [];

        public List<string> Released { get; } = [];

        /// <summary>Pods created, net of those the simulation deleted again.</summary>
        public int Created { get; set; }

        public List<string> Deleted { get; } = [];

        public List<ContestedPod> Contested { get; } = [];
    }
}
