using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using KubeMesos.Framework.Pods;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// Signing in as a person does, against the app with authentication on (its default): the login URL from the log,
/// the login form, Sign out, and a viewer's dashboard without a single control that changes the cluster. Every page
/// here also runs under the app's content security policy, with no violation reported.
/// </summary>
public sealed class SignInTests(SignedInAppFixture app) : IClassFixture<SignedInAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task LoggedLoginUrl_Opened_SignedInOnTheDashboard()
    {
        var page = await NewWatchedPageAsync();

        await page.GotoAsync(app.LoggedLoginUrl);
        await DashboardAppFixture.WaitForCircuitAsync(page);

        Assert.Equal(app.BaseUrl + "/", page.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync(Soon);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync(Soon);
        await Expect(page.GetByText("browser · operator")).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "signed-in-operator");

        // Every page of the drawer, under the content security policy, without one violation.
        foreach (var link in new[] { "Scheduling", "Agents", "Pods", "Services", "Replication controllers", "Labels", "Events", "Overview" })
        {
            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync(Soon);
        }

        // An operator may create: the Pods page offers it.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Pods", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create pod" }).Or(page.GetByRole(AriaRole.Button, new() { Name = "Create pod" })).First).ToBeVisibleAsync(Soon);

        await AssertNoCspViolationsAsync(page);
    }

    [Fact]
    public async Task PodsAnonymous_RedirectedToLogin_WrongTokenRefused_RightTokenSignsIn_SignOutEnds()
    {
        var page = await NewWatchedPageAsync();

        await page.GotoAsync("/pods");
        Assert.Matches(new Regex("/login\\?ReturnUrl=%2Fpods$"), page.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "login");

        await page.GetByLabel("Token").FillAsync("not-the-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "That token is not valid" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await DashboardAppFixture.ScreenshotAsync(page, "login-wrong-token");

        var token = new Uri(app.LoggedLoginUrl).Query.Split("t=", 2)[1];
        await page.GetByLabel("Token").FillAsync(Uri.UnescapeDataString(token));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await DashboardAppFixture.WaitForCircuitAsync(page);
        Assert.EndsWith("/pods", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(Soon);
        await page.GotoAsync("/pods");
        Assert.Contains("/login?ReturnUrl=", page.Url, StringComparison.Ordinal);
        await AssertNoCspViolationsAsync(page);
    }

    [Fact]
    public async Task Viewer_SignedInWithViewerToken_SeesNoControlThatChangesTheCluster()
    {
        await app.App.Services.GetRequiredService<IPodService>().CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "viewer-sees-me", Labels = new Dictionary<string, string> { ["app"] = "viewer" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
        }, TestContext.Current.CancellationToken);
        await CreateReplicationControllerAsync();

        var page = await NewWatchedPageAsync();
        await page.GotoAsync("/login?ReturnUrl=%2Fpods");
        await page.GetByLabel("Token").FillAsync(SignedInAppFixture.ViewerToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await DashboardAppFixture.WaitForCircuitAsync(page);

        await Expect(page.GetByText("e2e-viewer · viewer")).ToBeVisibleAsync(Soon);
        var pods = page.GetByRole(AriaRole.Region, new() { Name = "Pods" });
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "viewer-sees-me" })).ToBeVisibleAsync(Soon);
        // The filter runs the page's own module (Pods.razor.js) under the CSP.
        await page.GetByLabel("Search").FillAsync("viewer-sees");
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "viewer-sees-me" })).ToBeVisibleAsync(Soon);
        // The search reaches the URL after its debounce; leaving before that would carry it onto the next page.
        await Expect(page).ToHaveURLAsync(new Regex("[?&]q=viewer-sees"), new() { Timeout = 15_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit labels of viewer-sees-me" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create pod" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create pod" })).ToHaveCountAsync(0);
        await DashboardAppFixture.ScreenshotAsync(page, "pods-viewer");

        await page.GetByRole(AriaRole.Link, new() { Name = "Replication controllers" }).ClickAsync();
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = "app=viewer-rc" })).ToBeVisibleAsync(Soon);
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Scale (up|down) ") })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create replication controller" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Services" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Services", Level = 1 })).ToBeVisibleAsync(Soon);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create service" })).ToHaveCountAsync(0);

        await page.GotoAsync("/pods/create");
        await DashboardAppFixture.WaitForCircuitAsync(page);
        await Expect(page.GetByText("Creating pods needs the operator role")).ToBeVisibleAsync(Soon);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create pod" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import YAML" })).ToHaveCountAsync(0);
        await AssertNoCspViolationsAsync(page);
    }

    private async Task CreateReplicationControllerAsync()
    {
        // An operator's API token is not configured here: the app's own store takes the object, as the API would.
        var store = app.App.Services.GetRequiredService<KubeMesos.Framework.Store.IObjectStore>();
        await store.CreateAsync(new V1ReplicationController
        {
            ApiVersion = "v1",
            Kind = "ReplicationController",
            Metadata = new V1ObjectMeta { Name = "viewer-rc", NamespaceProperty = "default" },
            Spec = new V1ReplicationControllerSpec
            {
                Replicas = 0,
                Selector = new Dictionary<string, string> { ["app"] = "viewer-rc" },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "viewer-rc" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
                },
            },
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>A page that records every content security policy violation (the init script runs outside the policy).</summary>
    private async Task<IPage> NewWatchedPageAsync()
    {
        var page = await app.NewPageAsync();
        await page.Context.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        _consoleErrors[page] = consoleErrors;
        return page;
    }

    private readonly Dictionary<IPage, List<string>> _consoleErrors = [];

    private async Task AssertNoCspViolationsAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        Assert.Empty(violations);
        Assert.DoesNotContain(_consoleErrors[page], e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
