using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace KubeMesos.Tests.Unit.BadInput;

/// <summary>Raw HTTP to the cluster API over a few keep-alive connections, and the checks every refusal must pass.</summary>
internal sealed class ApiClient(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 4, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, byte[]? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var warnings = response.Headers.TryGetValues("Warning", out var w) ? w.ToList() : [];
        return new ApiAnswer(response.StatusCode, text, response.Content.Headers.ContentType, warnings);
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record ApiAnswer(HttpStatusCode Code, string Body, MediaTypeHeaderValue? ContentType, IReadOnlyList<string> Warnings)
{
    /// <summary>A refusal is a Kubernetes Status whose code is the HTTP status, with a reason and a message; never a 5xx.</summary>
    public JsonObject AssertStatus(params HttpStatusCode[] allowed)
    {
        Assert.True(allowed.Contains(Code), $"answered {(int)Code}, expected one of {string.Join(", ", allowed.Select(a => (int)a))}: {Shorten(Body)}");
        Assert.Equal("application/json", ContentType?.MediaType);
        var status = JsonNode.Parse(Body) as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a JSON object: {Shorten(Body)}");
        Assert.Equal("Status", status["kind"]?.GetValue<string>());
        Assert.Equal((int)Code, status["code"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(status["reason"]?.GetValue<string>()), "Status without a reason");
        Assert.False(string.IsNullOrWhiteSpace(status["message"]?.GetValue<string>()), "Status without a message");
        return status;
    }

    public bool IsSuccess => (int)Code is >= 200 and < 300;

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
