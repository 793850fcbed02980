using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>The master named by <c>Mesos:Master</c> (default <c>http://127.0.0.1:5050</c>, where Mesos listens).</summary>
public sealed class ConfiguredMasterLocator(IOptions<MesosClientOptions> options) : IMesosMasterLocator
{
    public const string DefaultMaster = "http://127.0.0.1:5050";

    public ValueTask<Uri> GetMasterUriAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new Uri(options.Value.Master ?? DefaultMaster));
}
