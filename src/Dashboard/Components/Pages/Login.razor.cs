using System.ComponentModel.DataAnnotations;
using KubeMesos.Dashboard.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>
/// Signs a browser in, as the Aspire dashboard does: <c>/login?t=TOKEN</c> (the URL logged at start) sets the cookie
/// and goes on to the app; without a token, a form (static, with its antiforgery token) takes the browser token or an
/// API token. A wrong token gets a clear error, and the page stays.
/// </summary>
public partial class Login
{
    internal const string WrongTokenMessage = "That token is not valid. Use the token from the latest login URL in the server's log (a new one is made at every start), or an API token.";

    private string? _error;

    [Inject] private SignInTokens Tokens { get; set; } = null!;

    [Inject] private IOptions<AuthOptions> Options { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "t")] private string? QueryToken { get; set; }

    [SupplyParameterFromQuery(Name = "ReturnUrl")] private string? ReturnUrl { get; set; }

    [SupplyParameterFromForm(FormName = "login")] private LoginForm Input { get; set; } = null!;

    /// <summary>Where to go once signed in: the page that sent the browser here, if it is one of ours.</summary>
    private string Target => IsLocal(ReturnUrl) ? ReturnUrl! : "/";

    protected override async Task OnInitializedAsync()
    {
        Input ??= new LoginForm();
        if (Options.Value.Mode == AuthMode.Unsecured)
        {
            Navigation.NavigateTo(Target);
            return;
        }

        if (!HttpMethods.IsGet(HttpContext.Request.Method))
        {
            return;
        }

        if (QueryToken is not null)
        {
            if (await TrySignInAsync(QueryToken))
            {
                return;
            }

            _error = WrongTokenMessage;
        }
        else if (ClusterAccess.MayRead(HttpContext.User))
        {
            Navigation.NavigateTo(Target);
        }
    }

    private async Task SignInAsync()
    {
        if (!await TrySignInAsync(Input.Token ?? ""))
        {
            _error = WrongTokenMessage;
        }
    }

    private async Task<bool> TrySignInAsync(string token)
    {
        if (Tokens.MatchSignIn(token.Trim()) is not { } match)
        {
            return false;
        }

        // Persistent, with the cookie handler's sliding expiry: a browser in use stays signed in.
        var principal = ClusterAccess.Principal(match.Name, match.Role, CookieAuthenticationDefaults.AuthenticationScheme);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(SignInTokens.FingerprintClaim, SignInTokens.Fingerprint(token.Trim())));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = true });
        Navigation.NavigateTo(Target);
        return true;
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    internal sealed class LoginForm
    {
        [Required(ErrorMessage = "Enter a token.")]
        public string? Token { get; set; }
    }
}
