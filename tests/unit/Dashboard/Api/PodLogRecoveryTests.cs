using k8s.Models;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Pods;
using KubeMesos.Shared.Contracts;
using KubeMesos.Tests.Unit.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>A task the embedded master recovers from its checkpoint after a restart still has a sandbox to read.</summary>
public sealed class PodLogRecoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_RecoveredTask_LogsSayItWasRecoveredAndKeepGrowing()
    {
        var folder = Directory.CreateTempSubdirectory("kubemesos-logs-restart-");
        try
        {
            await using (var app = await StartAsync(folder.FullName))
            {
                await app.Services.GetRequiredService<IPodService>().CreateAsync(new V1Pod
                {
                    Metadata = new V1ObjectMeta { Name = "survivor" },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
                }, Ct);
                await FeedWaiter.WaitForAsync(app.Services.GetRequiredService<IClusterFeed>(),
                    s => s.Pods.TryGetValue("default/survivor", out var p) && p.Phase == PodPhases.Running, Timeout, "survivor Running");

                // A graceful stop: the master writes its last checkpoint (disposing alone would not stop it).
                await app.StopAsync(Ct);
            }

            await using (var app = await StartAsync(folder.FullName))
            {
                var feed = app.Services.GetRequiredService<IClusterFeed>();
                await FeedWaiter.WaitForAsync(feed, s => s.Scheduler.Connected, Timeout, "the framework back");
                Assert.Equal(1, app.Services.GetRequiredService<KubeMesos.Framework.Mesos.Embedded.EmbeddedMesosMaster>().RecoveredTasks);
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

                var stdout = await ReadUntilAsync(http, "log?stream=Stdout", "1 step(s) done");
                var stderr = await http.GetStringAsync("api/v1/namespaces/default/pods/survivor/log?stream=Stderr", Ct);

                Assert.Contains("Sandbox recreated: the embedded master restarted and recovered task", stdout, StringComparison.Ordinal);
                Assert.Contains("Starting task", stdout, StringComparison.Ordinal);
                Assert.Contains("Recovered task", stderr, StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<WebApplication> StartAsync(string folder)
    {
        var app = DashboardApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--Auth:Mode=Unsecured", "--Mesos:Embedded:Port=0", $"--Store:Path={folder}",
             "--Mesos:Embedded:TaskStepDelay=00:00:00.050", "--Mesos:Embedded:TaskOutputInterval=00:00:00.200"],
            builder => builder.Logging.ClearProviders());
        await app.StartAsync(Ct);
        return app;
    }

    /// <summary>Reads the log until it holds <paramref name="text"/> (the recovered task keeps writing).</summary>
    private static async Task<string> ReadUntilAsync(HttpClient http, string query, string text)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        while (true)
        {
            using var response = await http.GetAsync($"api/v1/namespaces/default/pods/survivor/{query}", timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode && body.Contains(text, StringComparison.Ordinal))
            {
                return body;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail($"The log never held \"{text}\"; last answer {(int)response.StatusCode}: {body}");
            }
        }
    }
}
