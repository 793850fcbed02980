using System.Globalization;
using System.Text.RegularExpressions;

namespace KubeMesos.Tests.E2E;

/// <summary>
/// <c>kubemesos_dashboard_circuits_open</c> counts real Blazor circuits: a dashboard tab opened in Chromium shows up in
/// the scrape of <c>/metrics</c> (the app runs unsecured here, so the scrape needs no token).
/// </summary>
public sealed partial class CircuitMetricsTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Metrics_DashboardTabOpen_CountsItsCircuit()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var before = await OpenCircuitsAsync(http);

        var context = await app.NewContextAsync();
        await app.OpenAsync("/", context);

        await WaitForAsync(http, open => open >= before + 1, $"more than {before} open circuits");
        await context.CloseAsync();
    }

    private static async Task WaitForAsync(HttpClient http, Func<double, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        var last = 0.0;
        try
        {
            while (!condition(last = await OpenCircuitsAsync(http)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out waiting for {what}; the scrape says {last}");
        }
    }

    /// <summary>The gauge's value; 0 before any circuit was ever counted (an instrument without measurements is not exported).</summary>
    private static async Task<double> OpenCircuitsAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var match = CircuitsLine().Match(text);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^kubemesos_dashboard_circuits_open(?:\{[^}]*\})? (\S+)$", RegexOptions.Multiline)]
    private static partial Regex CircuitsLine();
}
