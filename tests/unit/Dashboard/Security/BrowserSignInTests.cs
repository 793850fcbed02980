using System.Net;
using System.Text.RegularExpressions;
using KubeMesos.Dashboard.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>The browser token and the login form over real HTTP, and the headers every response carries.</summary>
public sealed class BrowserSignInTests(SecuredAppHost host) : IClassFixture<SecuredAppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginUrl_RightToken_SetsSlidingCookieAndRedirectsHome_CookieOpensPagesAndApi()
    {
        using var http = host.Client();

        using var login = await http.GetAsync($"/login?t={SecuredAppHost.BrowserToken}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", new Uri(new Uri(host.Url), login.Headers.Location!).AbsolutePath);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DashboardSecurityExtensions.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        var options = host.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.True(options.SlidingExpiration);
        Assert.Equal(TimeSpan.FromDays(3), options.ExpireTimeSpan);

        var session = cookie.Split(';')[0];
        using var page = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/pods") { Headers = { { "Cookie", session } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var api = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods") { Headers = { { "Cookie", session } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Session_OfAnotherProcessesToken_Refused()
    {
        using var http = host.Client();
        using var login = await http.GetAsync($"/login?t={SecuredAppHost.BrowserToken}", Ct);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardSecurityExtensions.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        // The same data-protection keys, but the next process's random token: the cookie decrypts, and is not enough.
        await using var other = new OtherTokenHost();
        await other.InitializeAsync();
        using var otherHttp = other.Client();
        using var refused = await otherHttp.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods") { Headers = { { "Cookie", session } } }, Ct);
        using var accepted = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods") { Headers = { { "Cookie", session } } }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private sealed class OtherTokenHost : SecuredAppHost
    {
        protected override string[] Extra => ["--Auth:BrowserToken=another-browser-token-0123456789"];
    }

    [Fact]
    public async Task LoginUrl_WrongToken_FormWithClearError_NoCookie()
    {
        using var http = host.Client();

        using var login = await http.GetAsync("/login?t=wrong-token", Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(login.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(DashboardSecurityExtensions.CookieName, StringComparison.Ordinal)));
        var html = await login.Content.ReadAsStringAsync(Ct);
        Assert.Contains("That token is not valid", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
    }

    [Fact]
    public async Task LoginForm_PostWithoutAntiforgeryToken_Refused()
    {
        using var http = host.Client();

        using var post = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Token"] = SecuredAppHost.BrowserToken,
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.False(post.Headers.Contains("Set-Cookie") && post.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(DashboardSecurityExtensions.CookieName, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LoginForm_ViewerApiToken_SignsInAsViewer()
    {
        using var http = host.Client();
        using var form = await http.GetAsync("/login?ReturnUrl=%2Fpods", Ct);
        var html = await form.Content.ReadAsStringAsync(Ct);
        var antiforgery = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];

        using var post = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/login?ReturnUrl=%2Fpods")
        {
            Headers = { { "Cookie", antiforgeryCookie } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = antiforgery,
                ["Input.Token"] = SecuredAppHost.ViewerToken,
            }),
        }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(host.Url + "/pods", new Uri(new Uri(host.Url), post.Headers.Location!).AbsoluteUri);
        var session = post.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardSecurityExtensions.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        using var read = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods") { Headers = { { "Cookie", session } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var write = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/namespaces/default/pods/x") { Headers = { { "Cookie", session } } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_RefusedAndSessionKept()
    {
        using var http = host.Client();
        using var login = await http.GetAsync($"/login?t={SecuredAppHost.BrowserToken}", Ct);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardSecurityExtensions.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        using var signOut = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, DashboardSecurityExtensions.LogoutPath)
        {
            Headers = { { "Cookie", session } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }),
        }, Ct);
        using var still = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods") { Headers = { { "Cookie", session } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Page_Anonymous_RedirectedToLoginWithReturnUrl()
    {
        using var http = host.Client();

        using var response = await http.GetAsync("/replicationcontrollers", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/login?ReturnUrl=%2Freplicationcontrollers", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/healthz")]
    [InlineData("/api/v1/pods")]
    [InlineData("/no-such-page")]
    public async Task AnyResponse_CarriesSecurityHeaders(string path)
    {
        using var http = host.Client();

        using var response = await http.GetAsync(path, Ct);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/login", true)]
    [InlineData("/api/v1/pods", false)]
    [InlineData("/healthz", false)]
    public async Task InlineScriptNonce_OnlyOnPages_NeverOnApiResponses(string path, bool page)
    {
        using var http = host.Client();

        using var response = await http.GetAsync(path, Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        if (page)
        {
            Assert.Matches("script-src 'self' 'nonce-[0-9a-f]{32}'; style-src", csp);
        }
        else
        {
            Assert.Contains("script-src 'self'; style-src", csp);
            Assert.DoesNotContain("nonce", csp);
        }
    }

    [Fact]
    public async Task TwoPages_TwoNonces()
    {
        using var http = host.Client();

        using var first = await http.GetAsync("/login", Ct);
        using var second = await http.GetAsync("/login", Ct);

        Assert.NotEqual(first.Headers.GetValues("Content-Security-Policy").Single(), second.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task LoginPage_ImportMapCarriesTheResponsesNonce()
    {
        using var http = host.Client();

        using var response = await http.GetAsync("/login", Ct);

        var nonce = Regex.Match(string.Join(";", response.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html);
    }

    [Fact]
    public async Task OperatorApi_BodyOverLimit_413()
    {
        using var http = host.Client(SecuredAppHost.OperatorToken);

        using var response = await http.PostAsync("/api/operator/agents",
            new StringContent("{\"hostname\":\"" + new string('a', (int)DashboardSecurityExtensions.OperatorApiBodyLimit) + "\"}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/pods?x=1", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("", false)]
    public void ReturnUrl_OnlyLocalPathsFollowed(string url, bool local) =>
        Assert.Equal(local, KubeMesos.Dashboard.Components.Pages.Login.IsLocal(url));
}
