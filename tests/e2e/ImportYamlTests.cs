using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>Import YAML and View YAML against the real app: all-or-nothing manifests, and the pod they make running.</summary>
public sealed class ImportYamlTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Placed = new() { Timeout = 60_000 };

    private const string Manifest = """
        apiVersion: v1
        kind: Service
        metadata:
          name: yaml-web
        spec:
          selector: {app: yaml-web}
          ports:
          - {name: http, port: 80}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: yaml-web
          labels: {app: yaml-web}
        spec:
          containers:
          - name: main
            image: IMAGE
        """;

    [Fact]
    public async Task ImportYaml_BadDocumentThenFixed_NothingThenEverythingCreated_PodRuns()
    {
        var page = await app.OpenAsync("/pods/create");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import YAML" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var manifest = dialog.Locator("#import-yaml");

        // An empty image in the second document: the service in the first must not be created either.
        await manifest.FillAsync(Manifest.Replace("IMAGE", "\"\"", StringComparison.Ordinal));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(dialog.GetByText("Document 2", new() { Exact = false })).ToBeVisibleAsync(Soon);
        await Expect(dialog.Locator(".document-error").First).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "import-yaml-invalid");
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await http.GetAsync("/api/v1/namespaces/default/services/yaml-web", TestContext.Current.CancellationToken)).StatusCode);

        await manifest.FillAsync(Manifest.Replace("IMAGE", "nginx:1.27", StringComparison.Ordinal));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(page.GetByText("Created 2 object(s)", new() { Exact = false })).ToBeVisibleAsync(Soon);

        await page.GotoAsync(app.BaseUrl + "/scheduling");
        var pods = page.GetByRole(AriaRole.Region, new() { Name = "Pods" });
        await Expect(pods.GetByRole(AriaRole.Row).Filter(new() { HasText = "yaml-web" }).Filter(new() { HasText = "Running" })).ToBeVisibleAsync(Placed);

        await pods.GetByRole(AriaRole.Link, new() { Name = "yaml-web" }).ClickAsync();
        await Expect(page.GetByText("kind: Pod", new() { Exact = false }).First).ToBeVisibleAsync(Soon);
        await Expect(page.GetByText("nodeName: agent-", new() { Exact = false }).First).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "view-yaml-pod");
    }
}
