using System.Net;
using System.Text;
using System.Text.Json;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>The write limit over real HTTP: past the bucket a write gets 429 TooManyRequests with Retry-After; reads never do.</summary>
public sealed class RateLimitTests(RateLimitTests.TightLimitHost host) : IClassFixture<RateLimitTests.TightLimitHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_PastTheBurst_429StatusWithRetryAfter_ReadsUnlimited()
    {
        using var http = host.Client(SecuredAppHost.OperatorToken);

        // A burst of 2 refilled at 1 a second: 20 writes sent at once cannot all fit.
        var writes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => http.PostAsync("/api/v1/namespaces",
            new StringContent($"{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"burst-{i}\"}}}}", Encoding.UTF8, "application/json"), Ct)));
        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.GetAsync("/api/v1/namespaces", Ct)));

        var limited = writes.Where(w => w.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(writes, w => Assert.Contains(w.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.TooManyRequests }));
        Assert.True(limited[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        using var status = JsonDocument.Parse(await limited[0].Content.ReadAsStringAsync(Ct));
        Assert.Equal("Status", status.RootElement.GetProperty("kind").GetString());
        Assert.Equal("TooManyRequests", status.RootElement.GetProperty("reason").GetString());
        Assert.Equal(429, status.RootElement.GetProperty("code").GetInt32());
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    public sealed class TightLimitHost : SecuredAppHost
    {
        protected override string[] Extra => ["--RateLimit:WritesPerSecond=1", "--RateLimit:Burst=2"];
    }
}
