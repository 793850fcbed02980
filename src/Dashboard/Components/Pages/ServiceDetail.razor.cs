using KubeMesos.Shared.Contracts;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>One service: its ports and selector, the live endpoints the controller keeps for it, labels, events, YAML.</summary>
public partial class ServiceDetail
{
    private static readonly string[] TabNames = ["overview", "yaml"];

    protected override string KindText => "service";

    protected override string Kind => "Service";

    protected override string ListPath => "services";

    protected override IReadOnlyList<string> Tabs => TabNames;

    private ServiceView? View => Snapshot.Services.GetValueOrDefault($"{Namespace}/{Name}");

    /// <summary>Ready addresses first, then the others, each by pod name.</summary>
    private IReadOnlyList<(EndpointAddressView Address, bool Ready)> EndpointRows =>
        Snapshot.Endpoints.TryGetValue($"{Namespace}/{Name}", out var endpoints)
            ? [.. endpoints.Ready.OrderBy(a => a.PodName, StringComparer.Ordinal).Select(a => (a, true))
                .Concat(endpoints.NotReady.OrderBy(a => a.PodName, StringComparer.Ordinal).Select(a => (a, false)))]
            : [];

    private int SelectedPods => View is { } service ? KubeMesos.Dashboard.Model.SelectedPods.In(Snapshot, Namespace, service.Selector).Count : 0;

    private List<BreadcrumbItem> Breadcrumbs => [new("Services", Link("services")), new(Namespace, null, disabled: true), new(Name, null, disabled: true)];

    protected override object? ViewOf(ClusterSnapshot snapshot) => snapshot.Services.GetValueOrDefault($"{Namespace}/{Name}");
}
