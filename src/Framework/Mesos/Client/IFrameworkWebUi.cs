namespace KubeMesos.Framework.Mesos.Client;

/// <summary>
/// Where the framework's web UI is (FrameworkInfo.webui_url, linked from the Mesos web UI) when
/// <see cref="MesosClientOptions.WebuiUrl"/> is not set: the dashboard supplies its own URL; a framework hosted without
/// it has none.
/// </summary>
public interface IFrameworkWebUi
{
    /// <summary>The URL, or null; may wait briefly until the server knows the addresses it bound.</summary>
    ValueTask<string?> GetUrlAsync(CancellationToken cancellationToken);
}

/// <summary>No web UI (the framework without the dashboard, e.g. in tests).</summary>
internal sealed class NoFrameworkWebUi : IFrameworkWebUi
{
    public ValueTask<string?> GetUrlAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
