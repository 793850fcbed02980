using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// The object pages as an operator uses them: lists to detail pages, scale an RC with + and by typing and watch it
/// converge, a service's endpoints fill, delete a pod, delete an RC with and without its pods.
/// </summary>
public sealed class ObjectPagesTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Converged = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToHaveTextOptions ConvergedText = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Rc(string name, int replicas, string app) => """
        {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"NAME"},
         "spec":{"replicas":REPLICAS,"selector":{"app":"APP"},
                 "template":{"metadata":{"labels":{"app":"APP"}},
                             "spec":{"containers":[{"name":"main","image":"nginx:1.27","ports":[{"containerPort":80}],
                                     "resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("APP", app, StringComparison.Ordinal);

    private async Task PostAsync(string plural, string json)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var response = await http.PostAsync($"/api/v1/namespaces/default/{plural}", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    private static ILocator Stat(IPage page, string name) => page.GetByRole(AriaRole.Group, new() { Name = "Replicas" }).GetByLabel(name, new() { Exact = true });

    private static async Task ExpectReplicasAsync(IPage page, int desired, int current, int ready)
    {
        await Expect(Stat(page, "Desired")).ToHaveTextAsync(desired.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        await Expect(Stat(page, "Current")).ToHaveTextAsync(current.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        await Expect(Stat(page, "Ready")).ToHaveTextAsync(ready.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task ReplicationController_FromTheList_ScaledWithPlusAndByTyping_Converges()
    {
        await PostAsync("replicationcontrollers", Rc("shop", 2, "shop"));
        var page = await app.OpenAsync("/replicationcontrollers");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "shop", Exact = true })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "replicationcontrollers-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "shop", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "shop" })).ToBeVisibleAsync(Soon);
        await ExpectReplicasAsync(page, 2, 2, 2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Scale up shop" }).ClickAsync();
        await ExpectReplicasAsync(page, 3, 3, 3);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Pods" }).Locator("tbody tr")).ToHaveCountAsync(3, new() { Timeout = 30_000 });

        var replicas = page.GetByLabel("Replicas", new() { Exact = true }).And(page.Locator("input"));
        await replicas.FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Scale", Exact = true }).ClickAsync();
        await Expect(Stat(page, "Desired")).ToHaveTextAsync("5", new() { Timeout = 30_000 });
        await ExpectReplicasAsync(page, 5, 5, 5);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "up to date" })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "replicationcontroller");

        await page.GetByRole(AriaRole.Tab, new() { Name = "YAML" }).ClickAsync();
        await Expect(page.Locator("pre[aria-label=YAML]")).ToContainTextAsync("replicas: 5", Converged);
        Assert.Contains("tab=yaml", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_EndpointsFillWhenMatchingPodsRun()
    {
        await PostAsync("services", """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"front"},
             "spec":{"selector":{"app":"front"},"ports":[{"name":"http","port":80,"targetPort":80}]}}
            """);
        var page = await app.OpenAsync("/services");
        await page.GetByRole(AriaRole.Link, new() { Name = "front", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "front" })).ToBeVisibleAsync(Soon);
        await Expect(page.GetByText("No endpoints")).ToBeVisibleAsync(Soon);

        await PostAsync("replicationcontrollers", Rc("front", 2, "front"));

        var endpoints = page.GetByRole(AriaRole.Region, new() { Name = "Endpoints" });
        await Expect(endpoints.Locator("tbody tr").Filter(new() { HasText = "Ready" })).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 ready" })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "service");

        await page.GotoAsync("/services");
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = "front" })).ToContainTextAsync("2 ready", Converged);
        await DashboardAppFixture.ScreenshotAsync(page, "services-list");
    }

    [Fact]
    public async Task Pod_OpenedFromTheList_Deleted()
    {
        await PostAsync("pods", """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"solo","labels":{"app":"solo"}},
             "spec":{"containers":[{"name":"main","image":"nginx:1.27","ports":[{"containerPort":8080,"hostPort":0}]}]}}
            """);
        var page = await app.OpenAsync("/pods?q=solo");
        await page.GetByRole(AriaRole.Link, new() { Name = "solo", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "solo" })).ToBeVisibleAsync(Soon);
        var summary = page.GetByRole(AriaRole.Region, new() { Name = "Summary" });
        await Expect(summary).ToContainTextAsync("Running", Converged);
        await Expect(summary.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new Regex("^agents/"), new() { Timeout = 30_000 });
        await Expect(summary).ToContainTextAsync(".main", Converged); // the task id: <uid>.main
        await DashboardAppFixture.ScreenshotAsync(page, "pod");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Delete pod solo?");
        await DashboardAppFixture.ScreenshotAsync(page, "pod-delete");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/pods$"), new() { Timeout = 30_000 });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await WaitUntilAsync(async () => (await http.GetAsync("/api/v1/namespaces/default/pods/solo", Ct)).StatusCode == System.Net.HttpStatusCode.NotFound, "the pod to go");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReplicationController_Deleted_PodsStayOrGo(bool withPods)
    {
        var name = withPods ? "gone" : "orphans";
        await PostAsync("replicationcontrollers", Rc(name, 2, name));
        var page = await app.OpenAsync($"/replicationcontrollers/default/{name}");
        await ExpectReplicasAsync(page, 2, 2, 2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Delete replication controller {name}?");
        var cascade = dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Also delete its pods (2)" });
        await Expect(cascade).ToBeCheckedAsync();
        if (!withPods)
        {
            await cascade.UncheckAsync();
            await DashboardAppFixture.ScreenshotAsync(page, "replicationcontroller-delete");
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/replicationcontrollers$"), new() { Timeout = 30_000 });

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await WaitUntilAsync(async () => (await http.GetAsync($"/api/v1/namespaces/default/replicationcontrollers/{name}", Ct)).StatusCode == System.Net.HttpStatusCode.NotFound, "the RC to go");
        var pods = page.Context.Pages[0];
        await pods.GotoAsync($"/pods?selector=app%3D{name}");
        // The count line ("2 pods", or "2 of 7 pods" when other pods exist), not the empty state, also a status.
        var status = pods.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex(@"^\s*\d[\d,]*( of [\d,]+)? pods\s*$") });
        if (withPods)
        {
            await Expect(status).ToHaveTextAsync(new Regex(@"^\s*0( of [\d,]+)? pods\s*$"), ConvergedText);
        }
        else
        {
            // Orphaned: they keep running, without a controller.
            await Expect(status).ToHaveTextAsync(new Regex(@"^\s*2( of [\d,]+)? pods\s*$"), ConvergedText);
            await Expect(pods.Locator("tbody tr").Filter(new() { HasText = "Running" })).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}");
            }
        }
    }
}
