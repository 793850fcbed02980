using System.Security.Claims;
using System.Text.Json;
using KubeMesos.Dashboard.Hubs;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// Authentication (browser token, bearer tokens, OpenID Connect or none), the roles' policies, security headers, the
/// write rate limiter and the request size limits: <see cref="AddDashboardSecurity"/> registers them,
/// <see cref="UseDashboardSecurity"/> puts them in the pipeline.
/// </summary>
public static class DashboardSecurityExtensions
{
    /// <summary>The default scheme: picks bearer tokens, the cookie or the unsecured user per request.</summary>
    public const string PolicyScheme = "KubeMesos";

    public const string CookieName = ".KubeMesos.Auth";

    public const string LoginPath = "/login";

    public const string LogoutPath = "/logout";

    /// <summary>The largest request body <c>/api/operator</c> takes (an agent definition is a few hundred bytes).</summary>
    public const long OperatorApiBodyLimit = 64 * 1024;

    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<SignInTokens>();

        // The schemes depend on the mode, so it is read here; the rest is validated at start with the options.
        var mode = ReadMode(configuration);
        var authentication = services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "KubeMesos", options =>
            {
                options.ForwardDefaultSelector = context => mode == AuthMode.Unsecured
                    ? UnsecuredAuthenticationHandler.SchemeName
                    : ApiTokenAuthenticationHandler.HasBearer(context.Request) || ApiTokenAuthenticationHandler.HubQueryToken(context.Request) is not null
                        ? ApiTokenAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme;
                if (mode == AuthMode.OpenIdConnect)
                {
                    options.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme;
                }
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        if (mode == AuthMode.Unsecured)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, UnsecuredAuthenticationHandler>(UnsecuredAuthenticationHandler.SchemeName, null);
        }
        else
        {
            authentication.AddCookie();
            services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
                .Configure<IOptions<AuthOptions>>((cookie, auth) =>
                {
                    cookie.Cookie.Name = CookieName;
                    cookie.Cookie.HttpOnly = true;
                    cookie.Cookie.SameSite = SameSiteMode.Lax;
                    cookie.LoginPath = LoginPath;
                    cookie.ExpireTimeSpan = auth.Value.SessionLifetime;
                    cookie.SlidingExpiration = true;
                    // A session signed in with a token ends with its token (SignInTokens.StillValid); one without a
                    // token's fingerprint is an OpenID Connect session, whose lifetime is the provider's.
                    cookie.Events.OnValidatePrincipal = context =>
                    {
                        var user = context.Principal!;
                        var fingerprint = user.FindFirst(SignInTokens.FingerprintClaim)?.Value;
                        var valid = fingerprint is null
                            ? mode == AuthMode.OpenIdConnect
                            : context.HttpContext.RequestServices.GetRequiredService<SignInTokens>().StillValid(
                                fingerprint, user.Identity?.Name, user.FindFirst(ClusterAccess.RoleClaimType)?.Value);
                        if (!valid)
                        {
                            context.RejectPrincipal();
                        }

                        return Task.CompletedTask;
                    };
                });
        }

        if (mode == AuthMode.OpenIdConnect)
        {
            authentication.AddOpenIdConnect();
            services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .Configure<IOptions<AuthOptions>>((oidc, auth) => ConfigureOpenIdConnect(oidc, auth.Value.OpenIdConnect));
        }

        services.AddSingleton<IAuthorizationHandler, ClusterRequestHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StatusAuthorizationResultHandler>();
        services.AddAuthorization(options =>
        {
            // Every endpoint, including those added later, unless it says [AllowAnonymous] (login, health).
            options.FallbackPolicy = ClusterAccess.RequestPolicy;
            options.DefaultPolicy = ClusterAccess.RequestPolicy;
            options.AddPolicy(ClusterAccess.OperatorPolicy, ClusterAccess.Operator);
        });
        services.AddCascadingAuthenticationState();

        services.AddWriteRateLimiter();
        services.AddOptions<HubLimitsOptions>().BindConfiguration(HubLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSignalR().AddHubOptions<ClusterHub>(hub => hub.AddFilter<ClusterHubAccessFilter>());
        services.AddOptions<HubOptions<ClusterHub>>().Configure<IOptions<HubLimitsOptions>>((hub, limits) =>
        {
            hub.MaximumReceiveMessageSize = limits.Value.MaximumReceiveMessageSize;
            hub.MaximumParallelInvocationsPerClient = 1;
        });

        // The backstop for every endpoint: the API's own limit (3 MiB, like the API server) answers 413 with a Status
        // after draining up to 8 times as much (so the client reads the answer, not a reset), /api/operator takes
        // 64 KiB, the hubs 32 KiB a message; nothing takes more than this.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<Api.ClusterApiOptions>>((kestrel, api) =>
        {
            kestrel.Limits.MaxRequestBodySize = 9 * api.Value.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });
        return services;
    }

    /// <summary>Security headers, authentication, authorization and the write rate limiter, then sign-out.</summary>
    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapPost(LogoutPath, SignOutAsync)
            .WithMetadata(SessionOnlyMetadata.Instance)
            .DisableRateLimiting();
        app.LogSignInAtStart();
        return app;
    }

    /// <summary>Parses <c>Auth:Mode</c>, failing with a message that names the key.</summary>
    internal static AuthMode ReadMode(IConfiguration configuration)
    {
        var value = configuration[$"{AuthOptions.Section}:Mode"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return AuthMode.BrowserToken;
        }

        return Enum.TryParse<AuthMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions),
                [$"{AuthOptions.Section}:Mode is '{value}': use {string.Join(", ", Enum.GetNames<AuthMode>())}."]);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, [FromForm(Name = "returnUrl")] string? returnUrl, IOptions<AuthOptions> options)
    {
        _ = returnUrl; // Bound so that the form's antiforgery token is validated.
        if (options.Value.Mode == AuthMode.Unsecured)
        {
            return Results.Redirect("/");
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (options.Value.Mode == AuthMode.OpenIdConnect)
        {
            return Results.SignOut(new AuthenticationProperties { RedirectUri = LoginPath }, [OpenIdConnectDefaults.AuthenticationScheme]);
        }

        return Results.Redirect(LoginPath);
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, OpenIdConnectAuthOptions configured)
    {
        oidc.Authority = configured.Authority;
        oidc.ClientId = configured.ClientId;
        oidc.ClientSecret = configured.ClientSecret;
        oidc.RequireHttpsMetadata = configured.RequireHttpsMetadata;
        // Authorization code flow: the browser never sees the tokens.
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.TokenValidationParameters.NameClaimType = "name";
        // Only the roles mapped below count, never a provider claim that happens to say "operator".
        oidc.TokenValidationParameters.RoleClaimType = ClusterAccess.RoleClaimType;
        oidc.Events.OnTokenValidated = context =>
        {
            var identity = (ClaimsIdentity)context.Principal!.Identity!;
            if (RoleFromClaims(identity, configured) is { } role)
            {
                identity.AddClaim(new Claim(ClusterAccess.RoleClaimType, role));
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Our role for a provider's identity: operator if its role claim has the operator value, else viewer if the viewer value, else none.</summary>
    internal static string? RoleFromClaims(ClaimsIdentity identity, OpenIdConnectAuthOptions configured)
    {
        var values = identity.FindAll(configured.RoleClaim).SelectMany(c => RoleValues(c.Value)).ToHashSet(StringComparer.Ordinal);
        return values.Contains(configured.OperatorRole) ? ClusterRoles.Operator
            : values.Contains(configured.ViewerRole) ? ClusterRoles.Viewer
            : null;
    }

    // A provider sends several roles as one claim per role, or as one JSON array.
    private static IEnumerable<string> RoleValues(string value)
    {
        if (!value.StartsWith('['))
        {
            return [value];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(value) ?? [];
        }
        catch (JsonException)
        {
            return [value];
        }
    }

    /// <summary>
    /// Once Kestrel has bound: the login URL (browser token), or the warning that nothing is secured. Registered before
    /// the "Dashboard listening on" line, so it is logged after it, last, where it is easy to find.
    /// </summary>
    private static void LogSignInAtStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
            switch (auth.Mode)
            {
                case AuthMode.BrowserToken:
                    var address = app.Urls.Select(Browsable).FirstOrDefault() ?? "http://localhost";
                    app.Logger.LogInformation("Login to the dashboard at {LoginUrl}", LoginUrl(address, app.Services.GetRequiredService<SignInTokens>().BrowserToken));
                    break;
                case AuthMode.OpenIdConnect:
                    app.Logger.LogInformation("Browsers sign in at {Authority} (Auth:Mode=OpenIdConnect)", auth.OpenIdConnect.Authority);
                    break;
                case AuthMode.Unsecured:
                    app.Logger.LogWarning("Auth:Mode=Unsecured: there is no authentication, anyone who can reach this server can change the cluster. Use it only on loopback for local work.");
                    break;
            }
        });
    }

    public static string LoginUrl(string baseAddress, string token) => $"{baseAddress.TrimEnd('/')}{LoginPath}?t={Uri.EscapeDataString(token)}";

    // A wildcard bind (http://+:8080, http://0.0.0.0:8080, http://[::]:8080) is opened as localhost.
    private static string Browsable(string address)
    {
        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
        {
            address = address.Replace(wildcard, "://localhost:", StringComparison.Ordinal);
        }

        return address;
    }
}
