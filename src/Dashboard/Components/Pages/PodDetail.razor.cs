using k8s.Models;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>One pod: placement (agent, task, host ports), conditions, containers, labels, events and YAML.</summary>
public partial class PodDetail
{
    private static readonly string[] TabNames = ["overview", "logs", "yaml"];

    private UiClock? _clock;

    protected override string KindText => "pod";

    protected override string Kind => "Pod";

    protected override string ListPath => "pods";

    protected override IReadOnlyList<string> Tabs => TabNames;

    private PodView? View => Snapshot.Pods.GetValueOrDefault($"{Namespace}/{Name}");

    private V1Pod? Pod => Detail.Object;

    private V1OwnerReference? Owner => Pod?.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "ReplicationController");

    private List<BreadcrumbItem> Breadcrumbs => [new("Pods", Link("pods")), new(Namespace, Link("pods"), disabled: true), new(Name, href: null, disabled: true)];

    protected override DialogParameters<KubeMesos.Dashboard.Components.Dialogs.DeleteObjectDialog> DeleteParameters() => new()
    {
        { d => d.Consequence, View?.NodeName is null ? "It never ran, so it goes at once." : "Its task is killed first; it shows Terminating until the task has ended." },
    };

    protected override object? ViewOf(ClusterSnapshot snapshot) => snapshot.Pods.GetValueOrDefault($"{Namespace}/{Name}");

    protected override void OnInitialized()
    {
        base.OnInitialized();
        // Only re-renders, so that "pending since" and the last offer's age move on in a quiet cluster.
        _clock = new UiClock(Time, () => InvokeAsync(StateHasChanged));
    }

    public override ValueTask DisposeAsync()
    {
        _clock?.Dispose();
        return base.DisposeAsync();
    }
}
