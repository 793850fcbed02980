using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Security;

/// <summary>Refuses to start with settings that would leave the app open or unusable, naming the configuration key.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{AuthOptions.Section}:Mode must be one of {string.Join(", ", Enum.GetNames<AuthMode>())}.");
        }

        if (options.BrowserToken is { } browserToken && browserToken.Length < 16)
        {
            errors.Add($"{AuthOptions.Section}:BrowserToken must be at least 16 characters long.");
        }

        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{AuthOptions.Section}:SessionLifetime must be positive.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            var key = $"{AuthOptions.Section}:Tokens:{i}";
            if (string.IsNullOrWhiteSpace(token.Name))
            {
                errors.Add($"{key}:Name is required.");
            }

            if (token.Token.Length < 16)
            {
                errors.Add($"{key}:Token must be at least 16 characters long.");
            }
            else if (!seen.Add(token.Token))
            {
                errors.Add($"{key}:Token is the same as another token's.");
            }

            if (!ClusterRoles.IsKnown(token.Role))
            {
                errors.Add($"{key}:Role must be '{ClusterRoles.Viewer}' or '{ClusterRoles.Operator}', not '{token.Role}'.");
            }
        }

        if (options.Mode == AuthMode.OpenIdConnect)
        {
            var oidc = options.OpenIdConnect;
            var key = $"{AuthOptions.Section}:OpenIdConnect";
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https"))
            {
                errors.Add($"{key}:Authority must be an absolute http(s) URL when {AuthOptions.Section}:Mode is OpenIdConnect.");
            }
            else if (oidc.RequireHttpsMetadata && authority.Scheme != "https")
            {
                errors.Add($"{key}:Authority must be https unless {key}:RequireHttpsMetadata is false.");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                errors.Add($"{key}:ClientId is required when {AuthOptions.Section}:Mode is OpenIdConnect.");
            }

            if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
            {
                errors.Add($"{key}:RoleClaim is required.");
            }
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                errors.Add($"{AuthOptions.Section}:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port], no path).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
