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
internal sealed class SecurityHeadersMiddleware
{
    private const string NonceKey = "km-csp-nonce";

    private readonly RequestDelegate _next;
    private readonly string _policyBeforeScripts;
    private readonly string _policyAfterScripts;
    private readonly string _policyWithoutNonce;

    // Written when the response starts, not before the endpoint runs: only a page asks for a nonce (its import map),
    // and an API response, most of what a burst of creates answers, then neither draws random bytes nor formats a policy.
    private readonly Func<object, Task> _writePolicy;

    public SecurityHeadersMiddleware(RequestDelegate next, IOptions<AuthOptions> options)
    {
        _next = next;
        // A sign-out in OpenID Connect mode ends at the provider: the form's redirect goes there.
        var formAction = options.Value.Mode == AuthMode.OpenIdConnect
            && Uri.TryCreate(options.Value.OpenIdConnect.Authority, UriKind.Absolute, out var authority)
                ? $"'self' {authority.GetLeftPart(UriPartial.Authority)}"
                : "'self'";
        _policyBeforeScripts = "default-src 'self'; script-src 'self'";
        _policyAfterScripts = "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
            $"object-src 'none'; base-uri 'self'; form-action {formAction}; frame-ancestors 'none'";
        _policyWithoutNonce = _policyBeforeScripts + _policyAfterScripts;
        _writePolicy = state =>
        {
            var context = (HttpContext)state;
            context.Response.Headers.ContentSecurityPolicy = context.Items.TryGetValue(NonceKey, out var nonce)
                ? $"{_policyBeforeScripts} 'nonce-{nonce}'{_policyAfterScripts}"
                : _policyWithoutNonce;
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// The nonce this request's inline scripts carry (the import map), made at the first ask; the response's policy
    /// allows it. A response without one allows no inline script.
    /// </summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Hex: nothing in it for HTML attribute encoding to change.
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(_writePolicy, context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return _next(context);
    }
}
