using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// The one place that decides what the current user may do. Every request needs a signed-in viewer or operator
/// (the fallback policy, so endpoints added later are covered without a line of their own); a request that may change
/// the cluster (<see cref="IsWrite"/>) also needs an operator; the UI (<c>OperatorOnly</c>), the hub's methods and the
/// API all ask here.
/// </summary>
public static class ClusterAccess
{
    /// <summary>The policy the UI and the hub use for "may change the cluster".</summary>
    public const string OperatorPolicy = "cluster-operator";

    /// <summary>Authentication claims carry the role under this type.</summary>
    public const string RoleClaimType = ClaimTypes.Role;

    /// <summary>Where Blazor maps the circuit's hub and its helpers.</summary>
    public const string CircuitPath = "/_blazor";

    public static bool MayRead(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(ClusterRoles.Viewer) || user.IsInRole(ClusterRoles.Operator));

    public static bool MayChange(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsInRole(ClusterRoles.Operator);

    /// <summary>The role shown for a user: operator, viewer, or none.</summary>
    public static string RoleOf(ClaimsPrincipal user) =>
        MayChange(user) ? ClusterRoles.Operator : MayRead(user) ? ClusterRoles.Viewer : "none";

    /// <summary>
    /// Whether a request may change something: any method but GET, HEAD, OPTIONS and TRACE. Not the SignalR transports
    /// (negotiate and long-polling posts carry hub messages, each checked by its hub), nor the Blazor circuit's own
    /// endpoints (<c>/_blazor/disconnect</c>: UI events, whose controls <c>OperatorOnly</c> decides), nor endpoints
    /// marked <see cref="SessionOnlyMetadata"/> (they change only the caller's own session, e.g. sign out).
    /// </summary>
    public static bool IsWrite(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        {
            return false;
        }

        if (context.Request.Path.StartsWithSegments(CircuitPath))
        {
            return false;
        }

        var metadata = context.GetEndpoint()?.Metadata;
        return metadata?.GetMetadata<HubMetadata>() is null && metadata?.GetMetadata<SessionOnlyMetadata>() is null;
    }

    /// <summary>A principal of ours: a name and one role.</summary>
    public static ClaimsPrincipal Principal(string name, string role, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(RoleClaimType, role)], authenticationType, ClaimTypes.Name, RoleClaimType));

    /// <summary>Every request: a signed-in viewer or operator, an operator for writes, and an allowed origin.</summary>
    public static AuthorizationPolicy RequestPolicy { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .AddRequirements(new ClusterRequestRequirement())
        .Build();

    public static AuthorizationPolicy Operator { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireRole(ClusterRoles.Operator)
        .Build();
}

/// <summary>Marks an endpoint whose non-GET requests change only the caller's own session, so a viewer may use it.</summary>
public sealed class SessionOnlyMetadata
{
    public static SessionOnlyMetadata Instance { get; } = new();
}

/// <summary>See <see cref="ClusterAccess.RequestPolicy"/>.</summary>
public sealed class ClusterRequestRequirement : IAuthorizationRequirement;
