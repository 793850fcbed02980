using Mesos.V1;
using MasterResponse = Mesos.V1.Master.Response;

namespace KubeMesos.Dashboard.Model;

/// <summary>One framework sharing the cluster: what it holds, its dominant share, and on which agents.</summary>
public sealed record FrameworkRow(
    string Id, string Name, IReadOnlyList<string> Roles, bool Connected,
    double Cpus, double MemMb, double DiskMb, double DominantShare, string DominantResource, IReadOnlyList<string> Agents);

/// <summary>
/// The frameworks of a master's GET_STATE, as the frameworks panel lists them: allocated resources summed over the
/// framework's allocations, the dominant share (DRF: the largest fraction of the cluster's cpus, mem or disk it holds)
/// and the agents its tasks run on, most dominant first.
/// </summary>
public static class FrameworksModel
{
    private static readonly string[] s_shareResources = ["cpus", "mem", "disk"];

    public static IReadOnlyList<FrameworkRow> From(MasterResponse.Types.GetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var agents = state.GetAgents?.Agents ?? [];
        var hostnames = agents.ToDictionary(a => a.AgentInfo.Id?.Value ?? "", a => a.AgentInfo.Hostname, StringComparer.Ordinal);
        var cluster = s_shareResources.ToDictionary(r => r, r => agents.Sum(a => Scalar(a.TotalResources, r)), StringComparer.Ordinal);
        var tasks = state.GetTasks?.Tasks ?? [];
        var rows = new List<FrameworkRow>();
        foreach (var framework in state.GetFrameworks?.Frameworks ?? [])
        {
            var id = framework.FrameworkInfo.Id?.Value ?? "";
            var held = s_shareResources.ToDictionary(r => r, r => Scalar(framework.AllocatedResources, r), StringComparer.Ordinal);
            var (resource, share) = s_shareResources
                .Select(r => (r, cluster[r] > 0 ? held[r] / cluster[r] : 0))
                .MaxBy(x => x.Item2);
            var on = tasks.Where(t => t.FrameworkId?.Value == id).Select(t => t.AgentId?.Value ?? "").Distinct(StringComparer.Ordinal)
                .Select(a => hostnames.GetValueOrDefault(a, a)).Order(StringComparer.Ordinal).ToList();
            rows.Add(new FrameworkRow(
                id, framework.FrameworkInfo.Name, [.. framework.FrameworkInfo.Roles], framework.Connected,
                held["cpus"], held["mem"], held["disk"], share, resource, on));
        }

        return [.. rows.OrderByDescending(r => r.DominantShare).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    private static double Scalar(IEnumerable<Resource> resources, string name) =>
        resources.Where(r => r.Name == name && r.Scalar is not null).Sum(r => r.Scalar.Value);
}
