using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>
/// <c>Auth:Mode=OpenIdConnect</c> against a provider on loopback that serves only its discovery document: a page
/// sends the browser to the provider's authorization endpoint (code flow, our client id and callback); the API still
/// answers 401 Status, and bearer tokens still work.
/// </summary>
public sealed class OpenIdConnectTests : IAsyncLifetime
{
    private WebApplication _provider = null!;
    private OidcAppHost _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", (HttpContext http) =>
        {
            var issuer = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["jwks_uri"] = issuer + "/jwks",
                ["end_session_endpoint"] = issuer + "/logout",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        _provider.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await _provider.StartAsync(Ct);

        _app = new OidcAppHost(_provider.Urls.First());
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Page_Anonymous_RedirectedToTheProvidersAuthorizationEndpoint()
    {
        using var http = _app.Client();

        using var response = await http.GetAsync("/pods", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(_provider.Urls.First() + "/authorize?", location.AbsoluteUri);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("kubemesos-test", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Contains("openid", query["scope"].ToString());
        Assert.Equal(_app.Url + "/signin-oidc", query["redirect_uri"]);
    }

    [Fact]
    public async Task Api_Anonymous_401Status_NotARedirect()
    {
        using var http = _app.Client();

        using var response = await http.GetAsync("/api/v1/pods", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Unauthorized", status.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Api_ViewerBearerToken_Reads()
    {
        using var http = _app.Client(SecuredAppHost.ViewerToken);

        using var response = await http.GetAsync("/api/v1/pods", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("operator", "operator")]
    [InlineData("viewer", "viewer")]
    [InlineData("[\"kube-viewers\",\"kube-ops\"]", "operator")]
    [InlineData("[\"kube-viewers\"]", "viewer")]
    [InlineData("staff", null)]
    public void RoleFromClaims_ConfiguredClaimAndValues(string claimValue, string? expected)
    {
        var identity = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("groups", claimValue)]);
        var options = claimValue.StartsWith('[')
            ? new KubeMesos.Dashboard.Security.OpenIdConnectAuthOptions { RoleClaim = "groups", OperatorRole = "kube-ops", ViewerRole = "kube-viewers" }
            : new KubeMesos.Dashboard.Security.OpenIdConnectAuthOptions { RoleClaim = "groups" };

        Assert.Equal(expected, KubeMesos.Dashboard.Security.DashboardSecurityExtensions.RoleFromClaims(identity, options));
    }

    private sealed class OidcAppHost(string authority) : SecuredAppHost
    {
        protected override string[] Extra =>
        [
            "--Auth:Mode=OpenIdConnect", $"--Auth:OpenIdConnect:Authority={authority}", "--Auth:OpenIdConnect:ClientId=kubemesos-test",
            "--Auth:OpenIdConnect:ClientSecret=secret", "--Auth:OpenIdConnect:RequireHttpsMetadata=false",
        ];
    }
}
