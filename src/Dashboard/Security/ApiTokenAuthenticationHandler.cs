using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// <c>Authorization: Bearer TOKEN</c> against the configured API tokens, as kubectl's <c>--token</c> and the client
/// libraries' access token send it. No header: no result (another scheme may apply); an unknown token: a failure (401).
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SignInTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string Prefix = "Bearer ";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Browsers cannot set headers on WebSockets or server-sent events, so SignalR clients send their access token as
    /// the <c>access_token</c> query parameter there; it is taken on the hubs only, as ASP.NET Core's docs advise.
    /// </summary>
    public static string? HubQueryToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) && request.Query["access_token"].ToString() is { Length: > 0 } token
            ? token
            : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = HasBearer(Request) ? Request.Headers.Authorization.ToString()[Prefix.Length..].Trim() : HubQueryToken(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (tokens.MatchApiToken(presented) is not { } match)
        {
            Logger.LogInformation("Refused an unknown bearer token from {Address} for {Method} {Path}",
                Context.Connection.RemoteIpAddress, Request.Method, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("unknown bearer token"));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ClusterAccess.Principal(match.Name, match.Role, SchemeName), SchemeName)));
    }
}
