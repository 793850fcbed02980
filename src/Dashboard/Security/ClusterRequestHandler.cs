using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// Decides <see cref="ClusterRequestRequirement"/> for an HTTP request: the role (read, or change for a write) and the
/// browser's origin. Each refusal says why; <see cref="StatusAuthorizationResultHandler"/> puts that in the 403.
/// </summary>
internal sealed class ClusterRequestHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<ClusterRequestRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ClusterRequestRequirement requirement)
    {
        var user = context.User;
        var name = user.Identity?.Name ?? "anonymous";
        if (!ClusterAccess.MayRead(user))
        {
            context.Fail(new AuthorizationFailureReason(this, $"User \"{name}\" has neither the {ClusterRoles.Viewer} nor the {ClusterRoles.Operator} role"));
            return Task.CompletedTask;
        }

        if (context.Resource is HttpContext http)
        {
            if (ClusterAccess.IsWrite(http) && !ClusterAccess.MayChange(user))
            {
                context.Fail(new AuthorizationFailureReason(this,
                    $"User \"{name}\" cannot {http.Request.Method} {http.Request.Path}: the {ClusterRoles.Viewer} role only reads, changes need the {ClusterRoles.Operator} role"));
                return Task.CompletedTask;
            }

            if (!OriginAllowed(http, options.CurrentValue.AllowedOrigins))
            {
                context.Fail(new AuthorizationFailureReason(this, $"Origin \"{http.Request.Headers.Origin}\" is not allowed (Auth:AllowedOrigins)"));
                return Task.CompletedTask;
            }
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A browser names the page's origin on cross-origin requests, WebSocket upgrades and posts; a request from another
    /// site (the hub's WebSocket, a form) must not ride on the dashboard's cookie. API clients send no Origin.
    /// </summary>
    internal static bool OriginAllowed(HttpContext http, IReadOnlyList<string> allowed)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        var own = $"{http.Request.Scheme}://{http.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || allowed.Any(a => string.Equals(origin, a, StringComparison.OrdinalIgnoreCase));
    }
}
