using k8s.Models;
using KubeMesos.Dashboard.Model;
using KubeMesos.Dashboard.Model.Forms;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Components.Pages;

public partial class CreateService
{
    protected override string KindName => "service";

    protected override bool FollowsCluster => true;

    /// <summary>The pods the selector matches now, from the live feed (re-rendered as pods come and go).</summary>
    private IReadOnlyList<PodView> Matching => Form.MatchingPods(Snapshot);

    private string MatchText => Form.Selector.ToMap() is null
        ? "No selector yet"
        : $"{DisplayFormat.Count(Matching.Count)} matching pod{(Matching.Count == 1 ? "" : "s")} now in {Form.Build().Metadata.NamespaceProperty}";

    private string PodsLink => $"pods?ns={Uri.EscapeDataString(Form.Build().Metadata.NamespaceProperty)}&selector={Uri.EscapeDataString(Form.SelectorText)}";

    protected override string DetailPath(V1Service created) => PathOf("services", created);
}
