using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Store;
using KubeMesos.Tests.Unit.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>
/// kubectl against the real app (dashboard, framework, embedded master): <c>logs</c> (also <c>--tail</c>, <c>-f</c>)
/// served from the task sandbox through the agent's <c>/files/read</c>, unserved subresources, and
/// <c>get nodes -w</c> seeing an agent fail.
/// </summary>
public sealed class KubectlLogsAndNodesTests : IAsyncLifetime
{
    private const string Kubectl = "/usr/bin/kubectl";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-logs-").FullName;
    private readonly InMemoryObjectStore _store = new(watchHistory: 1000);
    private WebApplication _app = null!;
    private string _url = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = DashboardApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--Auth:Mode=Unsecured", "--Mesos:Embedded:Port=0", "--Mesos:Embedded:AgentCount=3",
             "--Mesos:Embedded:TaskStepDelay=00:00:00.050", "--Mesos:Embedded:TaskOutputInterval=00:00:00.200", "--Nodes:SyncInterval=00:00:00.500"],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Services.AddSingleton<IObjectStore>(_store);
            });
        await _app.StartAsync(Ct);
        _url = _app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Logs_WholeTailAndFollow_FromTheSandbox()
    {
        await RunningPodAsync("talker");

        // Enough output for --tail to choose from: the start-up lines plus a few periodic ones.
        await FollowUntilAsync(["logs", "talker", "-f"], line => line.Contains("3 step(s) done", StringComparison.Ordinal));
        var tail = await RunAsync("logs", "talker", "--tail", "2");
        var all = await RunAsync("logs", "talker");
        var container = await RunAsync("logs", "talker", "-c", "main", "--limit-bytes", "40");

        var lines = all.TrimEnd('\n').Split('\n');
        Assert.Contains("Starting task", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Image: busybox:1.36", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("is RUNNING", StringComparison.Ordinal));
        var tailLines = tail.TrimEnd('\n').Split('\n');
        Assert.Equal(2, tailLines.Length);
        Assert.All(tailLines, l => Assert.Contains(l, all, StringComparison.Ordinal));
        Assert.Equal(40, container.Length);
        Assert.StartsWith(container, all, StringComparison.Ordinal);

        // -f keeps reading as the task writes; deleting the pod kills its task, whose last line the follower still
        // reads before it ends on its own once the pod is gone.
        var follow = Start("logs", "talker", "-f");
        var first = await follow.StandardOutput.ReadLineAsync(Ct);
        Assert.Contains("Starting task", first, StringComparison.Ordinal);
        await RunAsync("delete", "pod", "talker", "--wait=false");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        var rest = await follow.StandardOutput.ReadToEndAsync(timeout.Token);
        await follow.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, follow.ExitCode);
        Assert.Contains("is KILLED: Killed by the scheduler", rest, StringComparison.Ordinal);
        Assert.True(rest.Split('\n').Length > lines.Length - 1, "the follower saw more lines than the first read");
    }

    [Fact]
    public async Task Logs_StdoutThenStderr_StreamPicksOne()
    {
        await RunningPodAsync("two-streams");
        using var http = new HttpClient { BaseAddress = new Uri(_url) };

        var all = await RunAsync("logs", "two-streams");
        var stdout = await http.GetStringAsync("api/v1/namespaces/default/pods/two-streams/log?stream=Stdout", Ct);
        var stderr = await http.GetStringAsync("api/v1/namespaces/default/pods/two-streams/log?stream=Stderr", Ct);
        using var bad = await http.GetAsync("api/v1/namespaces/default/pods/two-streams/log?stream=Both", Ct);

        // The executor's lines are in stderr, the task's in stdout; kubectl (stream All) shows stdout, then stderr.
        Assert.Contains("Sending TASK_RUNNING for task", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Sending TASK_", stdout, StringComparison.Ordinal);
        Assert.Contains("Starting task", stdout, StringComparison.Ordinal);
        Assert.True(all.IndexOf("Starting task", StringComparison.Ordinal) < all.IndexOf("Sending TASK_RUNNING", StringComparison.Ordinal), all);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("stream must be one of All, Stdout, Stderr", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_RefusalsSayWhy_AndUnservedSubresourcesAreNotPodNotFound()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: waiting}
            spec:
              nodeSelector: {k8s.mesosphere.io/attribute-rack: nowhere}
              containers: [{name: main, image: nginx:1.27}, {name: side, image: busybox:1.36}]
            """);

        var waiting = await RunAsync(true, "logs", "waiting", "-c", "main");
        var badContainer = await RunAsync(true, "logs", "waiting", "-c", "nope");
        var missing = await RunAsync(true, "logs", "no-such-pod");
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        using var exec = await http.PostAsync("api/v1/namespaces/default/pods/waiting/exec", null, Ct);

        // kubectl picks the first container itself; the API says what a client that names none must do.
        using var noContainer = await http.GetAsync("api/v1/namespaces/default/pods/waiting/log", Ct);
        var execStatus = JsonNode.Parse(await exec.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, noContainer.StatusCode);
        Assert.Contains("a container name must be specified for pod waiting, choose one of: [main side]", await noContainer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("container \"main\" in pod \"waiting\" is waiting to start: ContainerCreating", waiting, StringComparison.Ordinal);
        Assert.Contains("container nope is not valid for pod waiting", badContainer, StringComparison.Ordinal);
        Assert.Contains("pods \"no-such-pod\" not found", missing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, exec.StatusCode);
        Assert.Equal("Status", execStatus["kind"]!.GetValue<string>());
        Assert.Contains("does not serve the subresource \"exec\" of pods \"waiting\"", execStatus["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNodesWatch_SeesAnAgentFail()
    {
        var master = _app.Services.GetRequiredService<EmbeddedMesosMaster>();
        var agents = master.GetAgents();
        await StoreWaiter.WaitForReadyNodesAsync(_store, agents.Select(a => a.Hostname), Timeout);
        var created = (await _store.GetAsync<V1Node>(null, agents[0].Hostname, Ct))!.Metadata.CreationTimestamp;

        var watch = Start("get", "nodes", "-w");
        var ready = new HashSet<string>(StringComparer.Ordinal);
        await ReadUntilAsync(watch, line =>
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells is [var name, "Ready", ..])
            {
                ready.Add(name);
            }

            return ready.Count == agents.Count;
        });

        Assert.True(master.RemoveAgent(agents[1].AgentId));
        var lost = await ReadUntilAsync(watch, line => line.StartsWith(agents[1].Hostname + " ", StringComparison.Ordinal) && line.Contains("NotReady", StringComparison.Ordinal));
        watch.Kill();

        Assert.Matches($@"^{agents[1].Hostname}\s+NotReady\s+<none>\s+\S+\s+v1\.32\.0-mesos", lost);
        var node = (await _store.GetAsync<V1Node>(null, agents[0].Hostname, Ct))!;
        Assert.Equal(created, node.Metadata.CreationTimestamp);
        Assert.Equal("4", node.Status.Capacity["cpu"].ToString());
        Assert.Equal(8192m * 1024 * 1024, node.Status.Capacity["memory"].ToDecimal());
        Assert.Equal(node.Status.Capacity["cpu"], node.Status.Allocatable["cpu"]);
    }

    private async Task RunningPodAsync(string name)
    {
        await ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: {{name}}}
            spec:
              containers: [{name: main, image: "busybox:1.36", command: [sh, -c, "echo hello"]}]
            """);
        await StoreWaiter.WaitForAsync(_store, async ct => (await _store.GetAsync<V1Pod>("default", name, ct))?.Status?.Phase == "Running", Timeout, $"{name} Running");
    }

    private async Task FollowUntilAsync(string[] args, Func<string, bool> done)
    {
        var process = Start(args);
        await ReadUntilAsync(process, done);
        process.Kill();
        await process.WaitForExitAsync(Ct);
    }

    private static async Task<string> ReadUntilAsync(Process process, Func<string, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (done(line))
            {
                return line;
            }
        }

        Assert.Fail($"kubectl ended before the expected line: {await process.StandardError.ReadToEndAsync(Ct)}");
        return "";
    }

    private async Task ApplyAsync(string manifest)
    {
        var file = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, manifest, Ct);
        await RunAsync("apply", "-f", file);
    }

    private Process Start(params string[] args)
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(kubeconfig, "");
        var start = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args.Concat(["--server=" + _url, "--cache-dir=" + Path.Combine(_dir, "cache")]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = _dir;
        return Process.Start(start)!;
    }

    private Task<string> RunAsync(params string[] args) => RunAsync(false, args);

    private async Task<string> RunAsync(bool expectFailure, params string[] args)
    {
        using var process = Start([.. args, "--request-timeout=20s"]);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(expectFailure ? process.ExitCode != 0 : process.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {process.ExitCode}:\n{output}");
        return output;
    }
}
