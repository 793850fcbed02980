using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// Headers on every response: a content security policy the Blazor circuit, MudBlazor and the pages' own modules work
/// under (scripts only from the app, and the inline import map by a per-request nonce; inline styles, which MudBlazor
/// sets on elements; WebSockets back to the app), no framing, no MIME sniffing, no referrer to other sites (a login
/// URL carries a token; "no-referrer" would make a browser send "Origin: null" on the dashboard's own posts, which the
/// origin check refuses).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<AuthOptions> options)
{
    private const string NonceKey = "km-csp-nonce";

    // A sign-out in OpenID Connect mode ends at the provider: the form's redirect goes there.
    private readonly string _formAction = options.Value.Mode == AuthMode.OpenIdConnect
        && Uri.TryCreate(options.Value.OpenIdConnect.Authority, UriKind.Absolute, out var authority)
            ? $"'self' {authority.GetLeftPart(UriPartial.Authority)}"
            : "'self'";

    /// <summary>The nonce this request's inline scripts carry (the import map).</summary>
    public static string Nonce(HttpContext context) => context.Items[NonceKey] as string ?? "";

    public Task InvokeAsync(HttpContext context)
    {
        // Hex: nothing in it for HTML attribute encoding to change.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            $"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action {_formAction}; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
