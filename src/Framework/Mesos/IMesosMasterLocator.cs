namespace KubeMesos.Framework.Mesos;

/// <summary>
/// Where the framework finds its Mesos master. By default the configured <c>Mesos:Master</c> URL(s); with the embedded
/// master and no explicit URL, the embedded master's own address once it listens (its port may be chosen at start).
/// </summary>
public interface IMesosMasterLocator
{
    /// <summary>The master's base URL (scheme, host, port), e.g. <c>http://127.0.0.1:5050/</c>.</summary>
    ValueTask<Uri> GetMasterUriAsync(CancellationToken cancellationToken);

    /// <summary>The master could not be reached: the next call may name another one.</summary>
    void MarkUnreachable(Uri master)
    {
    }
}
