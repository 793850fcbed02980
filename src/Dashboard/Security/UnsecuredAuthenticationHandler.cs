using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Security;

/// <summary><c>Auth:Mode=Unsecured</c>: everyone is signed in as an operator.</summary>
internal sealed class UnsecuredAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Unsecured";
    public const string UserName = "unsecured";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ClusterAccess.Principal(UserName, ClusterRoles.Operator, SchemeName), SchemeName)));
}
