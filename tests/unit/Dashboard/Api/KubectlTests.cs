using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>
/// kubectl v1.32 (/usr/bin/kubectl, a client nobody here wrote) against the app's cluster API over real HTTP, with
/// no flags beyond the server address: discovery, tables, apply (create, then update), label, scale, delete.
/// </summary>
public sealed class KubectlTests(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IDisposable
{
    private const string Kubectl = "/usr/bin/kubectl";
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-test-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task GetPods_Table_HeaderAndNames()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: table-pod
              labels: {app: table}
            spec:
              nodeSelector: {k8s.mesosphere.io/attribute-rack: nowhere}
              containers:
              - name: main
                image: nginx:1.27
            """);

        var plain = await RunAsync("get", "pods");
        var wide = await RunAsync("get", "pods", "-o", "wide");

        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s*$", FirstLine(plain));
        Assert.Matches(@"table-pod\s+0/1\s+Pending\s+0\s+\S+", plain);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\s*$", FirstLine(wide));
        Assert.Matches(@"table-pod\s+0/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>", wide);
    }

    [Fact]
    public async Task GetNodes_TheAgentsAsReadyNodes()
    {
        var agents = await WaitForAgentsAsync();

        var output = await RunAsync("get", "nodes");

        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s*$", FirstLine(output));
        foreach (var agent in agents)
        {
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(agent.Hostname)}\s+Ready\s+<none>", output);
        }
    }

    [Fact]
    public async Task GetNamespaces_DefaultIsActive()
    {
        var output = await RunAsync("get", "ns");

        Assert.Matches(@"^NAME\s+STATUS\s+AGE\s*$", FirstLine(output));
        Assert.Matches(@"default\s+Active", output);
    }

    [Fact]
    public async Task ApplyTwice_CreatesThenUpdates()
    {
        var manifest = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: applied
              labels: {app: web}
            spec:
              containers:
              - name: main
                image: nginx:1.27
                ports:
                - containerPort: 80
            """;

        var first = await ApplyAsync(manifest);
        var second = await ApplyAsync(manifest.Replace("app: web", "app: web, tier: front", StringComparison.Ordinal));

        Assert.Contains("pod/applied created", first, StringComparison.Ordinal);
        Assert.Contains("pod/applied configured", second, StringComparison.Ordinal);
        var pod = await host.Store.GetAsync<V1Pod>("default", "applied", Ct);
        Assert.Equal("front", pod!.Metadata.Labels["tier"]);
        Assert.Equal("nginx:1.27", pod.Spec.Containers.Single().Image);
    }

    [Fact]
    public async Task Label_Overwrite_ChangesTheLabel()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: labelled, labels: {a: x}}
            spec: {containers: [{name: main, image: busybox}]}
            """);

        var output = await RunAsync("label", "pod", "labelled", "a=b", "--overwrite");

        Assert.Contains("pod/labelled labeled", output, StringComparison.Ordinal);
        Assert.Equal("b", (await host.Store.GetAsync<V1Pod>("default", "labelled", Ct))!.Metadata.Labels["a"]);
    }

    [Fact]
    public async Task ScaleRc_ThenGetJson_ShowsThreeReplicas()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: web-rc}
            spec:
              replicas: 1
              selector: {app: web-rc}
              template:
                metadata: {labels: {app: web-rc}}
                spec: {containers: [{name: main, image: nginx}]}
            """);

        var scaled = await RunAsync("scale", "rc", "web-rc", "--replicas=3");
        var json = await RunAsync("get", "rc", "web-rc", "-o", "json");
        var table = await RunAsync("get", "rc");

        Assert.Contains("replicationcontroller/web-rc scaled", scaled, StringComparison.Ordinal);
        Assert.Equal(3, JsonNode.Parse(json)!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Matches(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s*$", FirstLine(table));
        // The replication manager is creating the pods meanwhile: current and ready are whatever it reached.
        Assert.Matches(@"web-rc\s+3\s+\d+\s+\d+", table);
    }

    [Fact]
    public async Task DeletePod_Pending_GoneAtOnce()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: doomed}
            spec: {containers: [{name: main, image: busybox}]}
            """);

        var output = await RunAsync("delete", "pod", "doomed");

        Assert.Contains("pod \"doomed\" deleted", output, StringComparison.Ordinal);
        Assert.Null(await host.Store.GetAsync<V1Pod>("default", "doomed", Ct));
        var missing = await RunAsync(expectFailure: true, "get", "pod", "doomed");
        Assert.Contains("pods \"doomed\" not found", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetServicesAndEndpoints_Tables()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: web-svc}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            """);

        var services = await RunAsync("get", "svc");
        var endpoints = await RunAsync("get", "ep");

        Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s*$", FirstLine(services));
        Assert.Matches(@"web-svc\s+ClusterIP\s+<none>\s+<none>\s+80/TCP", services);
        // The endpoints controller keeps an Endpoints object beside every service with a selector.
        Assert.Matches(@"^NAME\s+ENDPOINTS\s+AGE\s*$", FirstLine(endpoints));
        Assert.Matches(@"(?m)^web-svc\s", endpoints);
    }

    [Fact]
    public async Task DescribePod_TooBigForEveryAgent_FailedSchedulingSaysItCanNeverFit()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: describe-huge
            spec:
              containers:
              - name: main
                image: nginx:1.27
                resources:
                  requests: {cpu: "1000"}
            """);
        var feed = host.Services.GetRequiredService<IClusterFeed>();
        using var subscription = feed.Subscribe();
        var snapshot = subscription.Initial;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!(snapshot.Pods.TryGetValue("default/describe-huge", out var pod) && pod.Message?.Contains("can ever fit", StringComparison.Ordinal) == true
                 && snapshot.Agents.Count > 0 && pod.Message.StartsWith($"0/{snapshot.Agents.Count} ", StringComparison.Ordinal)))
        {
            snapshot = snapshot.Apply(await subscription.ReadBatchAsync(timeout.Token));
        }

        var output = await RunAsync("describe", "pod", "describe-huge");

        Assert.Matches(@"PodScheduled\s+False", output);
        Assert.Matches(@"Warning\s+FailedScheduling\s+.*0/\d+ agents can ever fit: 1000(\.\d+)? cpus asked, the largest agent has [\d.]+", output);
    }

    [Fact]
    public async Task DescribeRc_PortWithoutProtocol_DefaultedToTcp()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: describe-rc}
            spec:
              replicas: 0
              template:
                metadata: {labels: {app: describe-rc}}
                spec: {containers: [{name: main, image: nginx:1.27, ports: [{containerPort: 80}]}]}
            """);

        var output = await RunAsync("describe", "rc", "describe-rc");
        var json = JsonNode.Parse(await RunAsync("get", "rc", "describe-rc", "-o", "json"))!;

        Assert.Matches(@"Port:\s+80/TCP", output);
        Assert.DoesNotMatch(@"Port:\s+80/\s", output);
        Assert.Matches(@"Selector:\s+app=describe-rc", output);
        Assert.Equal("describe-rc", json["metadata"]!["labels"]!["app"]!.GetValue<string>());
        var spec = json["spec"]!["template"]!["spec"]!;
        Assert.Equal("Always", spec["restartPolicy"]!.GetValue<string>());
        Assert.Equal("kubemesos", spec["schedulerName"]!.GetValue<string>());
        Assert.Equal("IfNotPresent", spec["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyPodAndService_GetJson_ApiServerDefaults()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: defaulted-pod}
            spec:
              schedulerName: someone-else
              containers:
              - {name: main, image: nginx, ports: [{containerPort: 8080}]}
              - {name: side, image: "registry.local:5000/tools/side:2.1"}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: defaulted-svc}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            """);

        var pod = JsonNode.Parse(await RunAsync("get", "pod", "defaulted-pod", "-o", "json"))!["spec"]!;
        var service = JsonNode.Parse(await RunAsync("get", "svc", "defaulted-svc", "-o", "json"))!["spec"]!;
        var describe = await RunAsync("describe", "pod", "defaulted-pod");

        Assert.Equal("Always", pod["restartPolicy"]!.GetValue<string>());
        Assert.Equal("ClusterFirst", pod["dnsPolicy"]!.GetValue<string>());
        Assert.Equal(30, pod["terminationGracePeriodSeconds"]!.GetValue<int>());
        Assert.Equal("someone-else", pod["schedulerName"]!.GetValue<string>());
        var main = pod["containers"]![0]!;
        Assert.Equal("Always", main["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal("TCP", main["ports"]![0]!["protocol"]!.GetValue<string>());
        Assert.Equal("/dev/termination-log", main["terminationMessagePath"]!.GetValue<string>());
        Assert.Equal("File", main["terminationMessagePolicy"]!.GetValue<string>());
        Assert.Equal("IfNotPresent", pod["containers"]![1]!["imagePullPolicy"]!.GetValue<string>());
        Assert.Matches(@"Port:\s+8080/TCP", describe);
        Assert.Equal("ClusterIP", service["type"]!.GetValue<string>());
        Assert.Equal("None", service["sessionAffinity"]!.GetValue<string>());
        Assert.Equal("TCP", service["ports"]![0]!["protocol"]!.GetValue<string>());
        Assert.Equal(80, service["ports"]![0]!["targetPort"]!.GetValue<int>());
    }

    private async Task<IReadOnlyList<AgentView>> WaitForAgentsAsync()
    {
        var feed = host.Services.GetRequiredService<IClusterFeed>();
        using var subscription = feed.Subscribe();
        var snapshot = subscription.Initial;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (snapshot.Agents.Count == 0)
        {
            var batch = await subscription.ReadBatchAsync(timeout.Token);
            snapshot = snapshot.Apply(batch);
        }

        await KubeMesos.Tests.Unit.Support.StoreWaiter.WaitForReadyNodesAsync(host.Store, snapshot.Agents.Values.Select(a => a.Hostname), TimeSpan.FromSeconds(30));

        return snapshot.Agents.Values.ToList();
    }

    private async Task<string> ApplyAsync(string manifest)
    {
        var file = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, manifest, Ct);
        return await RunAsync("apply", "-f", file);
    }

    private Task<string> RunAsync(params string[] args) => RunAsync(false, args);

    private async Task<string> RunAsync(bool expectFailure, params string[] args)
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, "", Ct);
        var start = new ProcessStartInfo(Kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Concat(["--server=" + host.Url, "--request-timeout=20s", "--cache-dir=" + Path.Combine(_dir, "cache")]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = _dir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        if (expectFailure)
        {
            Assert.True(process.ExitCode != 0, $"kubectl {string.Join(' ', args)} should have failed:\n{output}");
        }
        else
        {
            Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {process.ExitCode}:\n{output}");
        }

        return output;
    }

    private static string FirstLine(string output) => output.Split('\n')[0];
}
