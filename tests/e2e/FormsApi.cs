using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KubeMesos.Tests.E2E;

/// <summary>The app's own Kubernetes API, read by the form journeys to see what the forms made of the cluster.</summary>
public sealed class FormsApi(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<JsonObject?> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path, Ct);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))! : null;
    }

    public async Task<JsonArray> ListAsync(string path) => (await GetAsync(path))?["items"]?.AsArray() ?? [];

    public async Task CreateAsync(string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content, Ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls the API until <paramref name="condition"/> holds (the cluster converges on its own time).</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 90)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        while (!await condition())
        {
            try
            {
                await Task.Delay(250, timeout.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
        }
    }

    public static string? Phase(JsonNode? pod) => pod?["status"]?["phase"]?.GetValue<string>();

    public void Dispose() => _http.Dispose();
}
