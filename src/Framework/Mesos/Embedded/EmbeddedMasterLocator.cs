namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>Points the framework at the embedded master, waiting until it listens (its port may be picked at start).</summary>
internal sealed class EmbeddedMasterLocator(EmbeddedMesosMaster master) : IMesosMasterLocator
{
    public async ValueTask<Uri> GetMasterUriAsync(CancellationToken cancellationToken) =>
        await master.Started.WaitAsync(cancellationToken).ConfigureAwait(false);
}
