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

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Request.Headers.Authorization.ToString()[Prefix.Length..].Trim();
        if (tokens.MatchApiToken(presented) is not { } match)
        {
            Logger.LogInformation("Refused an unknown bearer token from {Address} for {Method} {Path}",
                Context.Connection.RemoteIpAddress, Request.Method, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("unknown bearer token"));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ClusterAccess.Principal(match.Name, match.Role, SchemeName), SchemeName)));
    }
}
