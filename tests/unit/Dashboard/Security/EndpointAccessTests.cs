using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using KubeMesos.Dashboard.Security;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>
/// Every endpoint the real app maps (read from ASP.NET Core's <see cref="EndpointDataSource"/>, so endpoints added
/// later are checked without a line here), called over real HTTP with sample route values: each one but
/// <c>/login</c>, <c>/healthz</c>, <c>/readyz</c> and the login page's static files refuses an anonymous request, and
/// none that changes anything accepts a viewer.
/// </summary>
public sealed class EndpointAccessTests(SecuredAppHost host) : IClassFixture<SecuredAppHost>
{
    private static readonly string[] Anonymous = ["/login", "/healthz", "/readyz"];
    private static readonly string[] ProbeMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryEndpoint_Anonymous_Refused()
    {
        using var http = host.Client();
        var checkedCount = 0;
        var endpoints = new HashSet<RouteEndpoint>();
        var failures = new List<string>();
        foreach (var (endpoint, method, path) in Requests())
        {
            if (IsOpenByDesign(endpoint))
            {
                continue;
            }

            endpoints.Add(endpoint);

            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
            checkedCount++;
            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/login?ReturnUrl=", StringComparison.Ordinal) == true);
            if (!refused)
            {
                failures.Add($"{method} {path} ({endpoint.DisplayName}): {(int)response.StatusCode}");
            }
            else if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await AssertStatusAsync(response, "Unauthorized");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"anonymous: {endpoints.Count} endpoints, {checkedCount} endpoint/method pairs checked");
        Assert.Empty(failures);
        Assert.True(checkedCount > 50, $"only {checkedCount} endpoint/method pairs found");
    }

    [Fact]
    public async Task EveryWrite_Viewer_Forbidden_Operator_NotForbidden()
    {
        using var viewer = host.Client(SecuredAppHost.ViewerToken);
        using var @operator = host.Client(SecuredAppHost.OperatorToken);
        var checkedCount = 0;
        var endpoints = new HashSet<RouteEndpoint>();
        var failures = new List<string>();
        foreach (var (endpoint, method, path) in Requests())
        {
            if (HttpMethods.IsGet(method) || IsOpenByDesign(endpoint) || endpoint.Metadata.GetMetadata<HubMetadata>() is not null
                || endpoint.Metadata.GetMetadata<SessionOnlyMetadata>() is not null || path.StartsWith(ClusterAccess.CircuitPath + "/", StringComparison.Ordinal))
            {
                continue;
            }

            checkedCount++;
            endpoints.Add(endpoint);
            using (var response = await viewer.SendAsync(Write(method, path), Ct))
            {
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"viewer {method} {path} ({endpoint.DisplayName}): {(int)response.StatusCode}");
                    continue;
                }

                await AssertStatusAsync(response, "Forbidden");
            }

            using (var response = await @operator.SendAsync(Write(method, path), Ct))
            {
                if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
                {
                    failures.Add($"operator {method} {path} ({endpoint.DisplayName}): {(int)response.StatusCode}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"viewer: {endpoints.Count} endpoints, {checkedCount} writing endpoint/method pairs checked");
        Assert.Empty(failures);
        Assert.True(checkedCount > 20, $"only {checkedCount} writes found");
    }

    [Fact]
    public async Task EveryRead_Viewer_Allowed()
    {
        using var viewer = host.Client(SecuredAppHost.ViewerToken);
        var failures = new List<string>();
        foreach (var (endpoint, method, path) in Requests().Where(r => HttpMethods.IsGet(r.Method) && !IsOpenByDesign(r.Endpoint)))
        {
            // A watch would stream until cancelled: a read that answers headers is enough.
            using var response = await viewer.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, Ct);
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
            {
                failures.Add($"{path} ({endpoint.DisplayName}): {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>The open endpoints are exactly the three named and the login page's files.</summary>
    [Fact]
    public void AnonymousEndpoints_OnlyLoginHealthAndLoginAssets()
    {
        var open = Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).ToList();

        Assert.All(open, e => Assert.True(IsOpenByDesign(e), $"{e.RoutePattern.RawText} allows anonymous requests"));
        foreach (var path in Anonymous)
        {
            Assert.Contains(open, e => "/" + e.RoutePattern.RawText!.TrimStart('/') == path);
        }
    }

    private static bool IsOpenByDesign(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is { } asset)
        {
            return LoginPageAssets.Paths.Contains(LoginPageAssets.LogicalPath(asset));
        }

        return Anonymous.Contains("/" + endpoint.RoutePattern.RawText!.TrimStart('/'));
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    /// <summary>Each endpoint with each method it takes (any of them when it names none), on a path built from its pattern.</summary>
    private IEnumerable<(RouteEndpoint Endpoint, string Method, string Path)> Requests()
    {
        foreach (var endpoint in Endpoints())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ProbeMethods;
            var path = SamplePath(endpoint.RoutePattern);
            foreach (var method in methods.Where(m => !HttpMethods.IsHead(m) && !HttpMethods.IsOptions(m)).Distinct())
            {
                yield return (endpoint, method, path);
            }
        }
    }

    /// <summary>A concrete path for a route pattern: each parameter gets a sample value that satisfies common constraints.</summary>
    internal static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => "x",
        })));
        return "/" + string.Join('/', segments);
    }

    private static string SampleValue(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => p.Content is "int" or "long" or "min(0)") ? "1"
        : parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.Empty.ToString()
        : parameter.ParameterPolicies.Any(p => p.Content == "file") ? "sample.txt"
        : parameter.Name == "namespace" ? "default"
        : "sample-" + parameter.Name.ToLowerInvariant();

    private static HttpRequestMessage Write(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = new StringContent("{}", System.Text.Encoding.UTF8, method == "PATCH" ? "application/merge-patch+json" : "application/json"),
    };

    private static async Task AssertStatusAsync(HttpResponseMessage response, string reason)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Status", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(reason, json.RootElement.GetProperty("reason").GetString());
        Assert.Equal((int)response.StatusCode, json.RootElement.GetProperty("code").GetInt32());
    }
}
