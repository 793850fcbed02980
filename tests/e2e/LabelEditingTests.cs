using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KubeMesos.Tests.E2E;

/// <summary>Labels managed in the browser: an invalid key is refused inline, a valid change reaches the API.</summary>
public sealed class LabelEditingTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task EditLabels_InvalidThenValid_SavedAndShown()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"labelled","labels":{"app":"web"}},"spec":{"containers":[{"name":"main","image":"nginx"}]}}""";
        Assert.Equal(System.Net.HttpStatusCode.Created, (await http.PostAsync("/api/v1/namespaces/default/pods",
            new StringContent(pod, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).StatusCode);

        var page = await app.OpenAsync("/pods");
        var row = page.GetByRole(AriaRole.Region, new() { Name = "Pods" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "labelled" });
        await Expect(row.GetByText("app=web")).ToBeVisibleAsync(Soon);
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit labels of labelled" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await dialog.GetByLabel("Key 2").FillAsync("Bad Key");
        await dialog.GetByLabel("Key 2").PressAsync("Tab");
        await Expect(dialog.GetByText("name part must consist of", new() { Exact = false })).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "labels-invalid");

        await dialog.GetByLabel("Key 2").FillAsync("tier");
        await dialog.GetByLabel("Value 2").FillAsync("front");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(row.GetByText("tier=front")).ToBeVisibleAsync(Soon);
        await DashboardAppFixture.ScreenshotAsync(page, "labels-saved");
        var json = await http.GetStringAsync("/api/v1/namespaces/default/pods?labelSelector=tier%3Dfront", TestContext.Current.CancellationToken);
        Assert.Contains("\"labelled\"", json, StringComparison.Ordinal);
    }
}
