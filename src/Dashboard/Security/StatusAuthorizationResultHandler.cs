using KubeMesos.Dashboard.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Endpoints;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// Refusals as the Kubernetes API server words them: <c>401</c> <c>Status</c> with reason <c>Unauthorized</c>, and
/// <c>403</c> with reason <c>Forbidden</c> and the policy's own reason. Only a page asked for without a session goes
/// the browser's way instead: the scheme's challenge (to <c>/login</c>, or to the OpenID Connect provider).
/// </summary>
internal sealed class StatusAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged && !IsPage(context))
        {
            await KubeJsonResult.From(ApiStatus.Failure(StatusCodes.Status401Unauthorized, "Unauthorized", "Unauthorized")).ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var why = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).FirstOrDefault()
                ?? $"User \"{context.User.Identity?.Name}\" may not {context.Request.Method} {context.Request.Path}";
            await KubeJsonResult.From(ApiStatus.Failure(StatusCodes.Status403Forbidden, "Forbidden", "forbidden: " + why)).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool IsPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
}
