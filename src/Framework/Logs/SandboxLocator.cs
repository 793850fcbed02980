using System.Collections.Concurrent;
using System.Text.Json;
using KubeMesos.Framework.Mesos.Client;
using MasterCall = Mesos.V1.Master.Call;

namespace KubeMesos.Framework.Logs;

/// <summary>A file in a task's sandbox: the agent's <c>/files/read</c> URL and the file's virtual path there.</summary>
public sealed record SandboxFile(Uri FilesRead, string Path, string? Container = null)
{
    /// <summary>Another file of the same sandbox directory (<c>stdout</c>, <c>stderr</c>).</summary>
    public SandboxFile Sibling(string name) => this with { Path = Path[..(Path.LastIndexOf('/') + 1)] + name };
}

/// <summary>
/// Finds agents' HTTP endpoints through the master's operator API (GET_AGENTS: the agent's <c>pid</c>,
/// <c>slave(1)@ip:port</c>) and reads sandbox files through their <c>/files/read</c>, as the Mesos web UI does.
/// Works the same against Apache Mesos and the embedded master.
/// </summary>
public sealed class SandboxLocator(IHttpClientFactory httpClientFactory, MasterOperatorClient operatorApi)
{
    private readonly ConcurrentDictionary<string, Uri> _agents = new(StringComparer.Ordinal);

    /// <summary>The agent's <c>/files/read</c> URL, or null when the master does not know the agent.</summary>
    public async Task<Uri?> FilesReadAsync(Uri master, string agentId, CancellationToken ct)
    {
        if (_agents.TryGetValue(agentId, out var known))
        {
            return known;
        }

        var agents = (await operatorApi.CallAsync(master, MasterCall.Types.Type.GetAgents, ct).ConfigureAwait(false)).GetAgents;
        foreach (var agent in agents?.Agents ?? [])
        {
            var pid = agent.Pid;
            var at = pid.IndexOf('@', StringComparison.Ordinal);
            var address = at >= 0 ? pid[(at + 1)..] : $"{agent.AgentInfo.Hostname}:{agent.AgentInfo.Port}";
            _agents[agent.AgentInfo.Id.Value] = new Uri($"{master.Scheme}://{address}/files/read");
        }

        return _agents.GetValueOrDefault(agentId);
    }

    /// <summary>The file's size (<paramref name="offset"/> -1) or bytes; null when the agent has no such file (404).</summary>
    public async Task<(long Offset, string Data)?> ReadAsync(SandboxFile file, long offset, long? length, CancellationToken ct)
    {
        var query = $"?path={Uri.EscapeDataString(file.Path)}&offset={offset}" + (length is { } l ? $"&length={l}" : "");
        using var response = await Client().GetAsync(new Uri(file.FilesRead + query), ct).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
        return (json.RootElement.GetProperty("offset").GetInt64(), json.RootElement.GetProperty("data").GetString() ?? "");
    }

    /// <summary>Forgets the agent (it moved or left); the next lookup asks the master again.</summary>
    public void Forget(string agentId) => _agents.TryRemove(agentId, out _);

    private HttpClient Client() => httpClientFactory.CreateClient(MesosSchedulerClient.HttpClientName);
}
