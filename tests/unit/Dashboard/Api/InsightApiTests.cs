using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>The kubemesos.io/v1 explanation and fit endpoints through the official client's HTTP pipeline (Kubernetes.HttpClient).</summary>
public sealed class InsightApiTests(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = host.Url });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _client.HttpClient;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Explanation_PodBiggerThanEveryAgent_NeverFits_PerAgentAndPerFilter()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("explain-huge", "1000"), "default", cancellationToken: Ct);

        var explanation = await WaitForAsync($"/apis/kubemesos.io/v1/namespaces/default/pods/explain-huge/explanation",
            e => (string?)e["kind"] == "NeverFits" && ((string?)e["summary"])?.StartsWith($"0/{e["agents"]!.AsArray().Count} agents can ever fit", StringComparison.Ordinal) == true
                 && e["agents"]!.AsArray().Count > 0);

        Assert.Equal("default/explain-huge", (string?)explanation["pod"]);
        Assert.NotNull((string?)explanation["attemptedAt"]);
        Assert.Matches(@"^0/\d+ agents can ever fit: 1000(\.\d+)? cpus asked, the largest agent has [\d.]+$", (string?)explanation["summary"]);
        foreach (var agent in explanation["agents"]!.AsArray())
        {
            Assert.False((bool)agent!["fits"]!);
            Assert.False(string.IsNullOrEmpty((string?)agent["agent"]));
            Assert.Null(agent["score"]?.GetValue<double?>());
            var resources = agent["filters"]!.AsArray().Single(f => (string?)f!["name"] == "Resources")!;
            Assert.False((bool)resources["passed"]!);
            Assert.Matches(@"^insufficient cpus: asked 1000(\.\d+)?, (offered|unused) [\d.]+, agent total [\d.]+$", (string?)resources["reason"]);
            Assert.True((bool)agent["filters"]!.AsArray().Single(f => (string?)f!["name"] == "NodeSelector")!["passed"]!);
        }
    }

    [Fact]
    public async Task Explanation_ScheduledPod_ThePlacementRecord()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("explain-small", "100m"), "default", cancellationToken: Ct);

        var explanation = await WaitForAsync("/apis/kubemesos.io/v1/namespaces/default/pods/explain-small/explanation",
            e => (string?)e["kind"] == "Scheduled" && e["placement"] is JsonObject);

        var placement = explanation["placement"]!;
        var stored = await _client.CoreV1.ReadNamespacedPodAsync("explain-small", "default", cancellationToken: Ct);
        Assert.Equal(stored.Spec.NodeName, (string?)placement["agent"]);
        Assert.False(string.IsNullOrEmpty((string?)placement["strategy"]));
        Assert.True(placement["waitedSeconds"]!.GetValue<double>() >= 0);
    }

    [Fact]
    public async Task Explanation_UnknownPod_404Status()
    {
        using var response = await Http.GetAsync(new Uri($"{host.Url}/apis/kubemesos.io/v1/namespaces/default/pods/no-such-pod/explanation"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(("Status", "NotFound", 404), ((string?)status["kind"], (string?)status["reason"], (int?)status["code"]));
    }

    [Fact]
    public async Task Fit_SmallAndHugeTemplates_CountsAndReasons_NothingCreated()
    {
        var before = (await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct)).Items.Count;

        // Now or later depends on whether offers are held at this moment (an idle framework suppresses them); the
        // split adds up either way, once the agents are known.
        var small = await WaitForFitAsync(Template("100m"), 3, r => (int)r["fitNow"]! + (int)r["fitLater"]! == 3);
        var huge = await PostFitAsync(Template("1000"), 2);

        Assert.Equal(0, (int)small["never"]!);
        Assert.Empty(small["reasons"]!.AsObject());
        Assert.Equal((int)small["fitNow"]!, small["agents"]!.AsArray().Sum(a => (int)a!["replicas"]!));
        Assert.Equal(HttpStatusCode.OK, huge.Status);
        Assert.Equal((0, 0, 2), ((int)huge.Body["fitNow"]!, (int)huge.Body["fitLater"]!, (int)huge.Body["never"]!));
        var reason = Assert.Single(huge.Body["reasons"]!.AsObject());
        Assert.Contains("can ever fit: 1000", reason.Key, StringComparison.Ordinal);
        Assert.Equal(2, (int)reason.Value!);
        Assert.Equal(before, (await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct)).Items.Count);
    }

    [Theory]
    [InlineData("""{"replicas": -1}""", "replicas,template")]
    [InlineData("""{"replicas": "two", "template": {"spec": {"containers": [{"name": "main", "image": "nginx"}]}}}""", "replicas")]
    [InlineData("""{"replicas": 2, "template": {"metadata": {}}}""", "template.spec")]
    [InlineData("""{"replicas": 2, "template": {"spec": {"containers": []}}}""", "template.spec.containers")]
    public async Task Fit_BadInput_422StatusWithCauses(string body, string fields)
    {
        using var response = await Http.PostAsync(new Uri($"{host.Url}/apis/kubemesos.io/v1/namespaces/default/fit"),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var status = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(("Status", "Invalid", 422), ((string?)status["kind"], (string?)status["reason"], (int?)status["code"]));
        Assert.Equal(fields.Split(','), status["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]).Distinct());
    }

    [Fact]
    public async Task Discovery_ListsTheGroupAndItsResources()
    {
        var groups = (await Http.GetFromJsonAsync<JsonObject>(new Uri($"{host.Url}/apis"), Ct))!;
        var resources = (await Http.GetFromJsonAsync<JsonObject>(new Uri($"{host.Url}/apis/kubemesos.io/v1"), Ct))!;

        Assert.Contains(groups["groups"]!.AsArray(), g => (string?)g!["name"] == "kubemesos.io" && (string?)g["preferredVersion"]!["groupVersion"] == "kubemesos.io/v1");
        Assert.Equal("kubemesos.io/v1", (string?)resources["groupVersion"]);
        Assert.Equal(["pods/explanation", "fit", "leader"], resources["resources"]!.AsArray().Select(r => (string?)r!["name"]));
    }

    private static V1Pod Pod(string name, string cpu) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = Template(cpu).Spec,
    };

    private static V1PodTemplateSpec Template(string cpu) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "fit" } },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container
            {
                Name = "main",
                Image = "nginx:1.27",
                Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new("32Mi") } },
            }],
        },
    };

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostFitAsync(V1PodTemplateSpec template, int replicas)
    {
        var body = new JsonObject { ["template"] = JsonNode.Parse(KubernetesJson.Serialize(template)), ["replicas"] = replicas };
        using var response = await Http.PostAsync(new Uri($"{host.Url}/apis/kubemesos.io/v1/namespaces/default/fit"),
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!);
    }

    // The agents' first offers arrive a moment after start: ask until the answer says what it should, or time out.
    private async Task<JsonObject> WaitForFitAsync(V1PodTemplateSpec template, int replicas, Func<JsonObject, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        while (true)
        {
            var (status, body) = await PostFitAsync(template, replicas);
            Assert.Equal(HttpStatusCode.OK, status);
            if (done(body))
            {
                return body;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<JsonObject> WaitForAsync(string path, Func<JsonObject, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        JsonObject? last = null;
        while (!timeout.IsCancellationRequested)
        {
            using var response = await Http.GetAsync(new Uri(host.Url + path), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
            if (done(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                break;
            }
        }

        throw new TimeoutException($"{path} never satisfied the condition; last answer: {last?.ToJsonString()}");
    }
}
