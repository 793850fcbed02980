namespace KubeMesos.Dashboard.Security;

/// <summary>How browsers and API clients prove who they are (<c>Auth:Mode</c>).</summary>
public enum AuthMode
{
    /// <summary>The default: a browser signs in with the token in the login URL logged at start; API clients use bearer tokens.</summary>
    BrowserToken,

    /// <summary>Browsers sign in at an OpenID Connect provider; API clients use bearer tokens.</summary>
    OpenIdConnect,

    /// <summary>No authentication: everyone is an operator. Only when asked, with a warning at every start.</summary>
    Unsecured,
}

/// <summary>Authentication settings, bound from the <c>Auth</c> section and validated at start (<see cref="AuthOptionsValidator"/>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.BrowserToken;

    /// <summary>The browser token; when unset, a random one is made for the life of the process.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>Bearer tokens for API clients (<c>Auth:Tokens:0:Name</c>, <c>:Token</c>, <c>:Role</c>); also accepted by the login form.</summary>
    public List<ApiTokenOptions> Tokens { get; set; } = [];

    public OpenIdConnectAuthOptions OpenIdConnect { get; set; } = new();

    /// <summary>
    /// How long a browser stays signed in without using the dashboard; every request renews it (sliding expiry), so a
    /// browser in use is never sent back to the login page.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Origins other than the dashboard's own from which a browser may open the hubs and post (e.g. a reverse proxy's
    /// public URL: <c>https://kubemesos.example.com</c>).
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

/// <summary>One API client's bearer token.</summary>
public sealed class ApiTokenOptions
{
    /// <summary>Who the client is, as the logs and <c>403</c> messages name it.</summary>
    public string Name { get; set; } = "";

    public string Token { get; set; } = "";

    /// <summary><c>viewer</c> or <c>operator</c>.</summary>
    public string Role { get; set; } = ClusterRoles.Viewer;
}

/// <summary>The OpenID Connect provider (<c>Auth:OpenIdConnect:*</c>), used when <c>Auth:Mode=OpenIdConnect</c>.</summary>
public sealed class OpenIdConnectAuthOptions
{
    /// <summary>The issuer, e.g. <c>https://login.example.com/realms/ops</c>; its discovery document is read from there.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the user's roles (<c>roles</c>, <c>groups</c>, ...).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The value of <see cref="RoleClaim"/> that makes a user an operator.</summary>
    public string OperatorRole { get; set; } = ClusterRoles.Operator;

    /// <summary>The value of <see cref="RoleClaim"/> that makes a user a viewer. A user with neither gets in but sees nothing.</summary>
    public string ViewerRole { get; set; } = ClusterRoles.Viewer;

    /// <summary>Whether the authority must be HTTPS; turn off only for a provider on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
