using k8s.Models;
using KubeMesos.Dashboard.Components.Dialogs;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>
/// One replication controller: desired / current / ready with a progress bar while it converges, scale by step or by a
/// typed number, its pods, labels, events and YAML; delete asks whether its pods go too.
/// </summary>
public partial class ReplicationControllerDetail
{
    private static readonly string[] TabNames = ["overview", "yaml"];

    protected override string KindText => "replication controller";

    protected override string Kind => "ReplicationController";

    protected override string ListPath => "replicationcontrollers";

    protected override IReadOnlyList<string> Tabs => TabNames;

    private ReplicationControllerView? View => Snapshot.ReplicationControllers.GetValueOrDefault($"{Namespace}/{Name}");

    private V1ReplicationController? Rc => Detail.Object;

    private IReadOnlyList<PodView> Pods => View is { } rc ? SelectedPods.In(Snapshot, Namespace, rc.Selector) : [];

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Replication controllers", Link("replicationcontrollers")), new(Namespace, null, disabled: true), new(Name, null, disabled: true)];

    protected override object? ViewOf(ClusterSnapshot snapshot) => snapshot.ReplicationControllers.GetValueOrDefault($"{Namespace}/{Name}");

    protected override DialogParameters<DeleteObjectDialog> DeleteParameters() => new()
    {
        { d => d.AsksCascade, true },
        { d => d.PodCount, Pods.Count },
    };
}
