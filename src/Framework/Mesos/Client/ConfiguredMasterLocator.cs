using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>
/// The masters named by <c>Mesos:Master</c> (default <c>http://127.0.0.1:5050</c>, where Mesos listens), tried in
/// turn: after a master could not be reached, the next one is asked (a non-leader then redirects to the leader).
/// </summary>
public sealed class ConfiguredMasterLocator(IOptions<MesosClientOptions> options) : IMesosMasterLocator
{
    public const string DefaultMaster = "http://127.0.0.1:5050";

    private readonly IReadOnlyList<Uri> _masters = options.Value.MasterUris is { Count: > 0 } list ? list : [new Uri(DefaultMaster + "/")];
    private int _next;

    public ValueTask<Uri> GetMasterUriAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_masters[(int)((uint)Volatile.Read(ref _next) % (uint)_masters.Count)]);

    public void MarkUnreachable(Uri master)
    {
        var current = Volatile.Read(ref _next);
        if (_masters[(int)((uint)current % (uint)_masters.Count)] == master)
        {
            Interlocked.CompareExchange(ref _next, current + 1, current);
        }
    }
}
