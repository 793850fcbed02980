using KubeMesos.Framework.Events;
using KubeMesos.Framework.Mesos.Client;
using MasterCall = Mesos.V1.Master.Call;

namespace KubeMesos.Dashboard.Model;

/// <summary>Reads the frameworks sharing the cluster from the master the framework is subscribed to (operator API GET_STATE over HTTP).</summary>
public sealed class FrameworksSource(MasterOperatorClient operatorApi, IClusterFeed feed)
{
    /// <exception cref="InvalidOperationException">the framework is not subscribed to a master.</exception>
    /// <exception cref="HttpRequestException">the master could not be read.</exception>
    public async Task<IReadOnlyList<FrameworkRow>> LoadAsync(CancellationToken ct)
    {
        var scheduler = feed.Current.Scheduler;
        if (!scheduler.Connected || !Uri.TryCreate(scheduler.Master, UriKind.Absolute, out var master))
        {
            throw new InvalidOperationException("Not subscribed to a Mesos master yet.");
        }

        var state = await operatorApi.CallAsync(master, MasterCall.Types.Type.GetState, ct).ConfigureAwait(false);
        return FrameworksModel.From(state.GetState ?? new());
    }
}
