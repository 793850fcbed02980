using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using static KubeMesos.Tests.Unit.Dashboard.Api.KubernetesClientTests;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>Every refused input answers the Kubernetes Status a client expects, and nothing is stored.</summary>
public sealed class BadInputTests(ClusterApiHost host) : IClassFixture<ClusterApiHost>, IDisposable
{
    private readonly Kubernetes _client = new(new KubernetesClientConfiguration { Host = host.Url });
    private readonly HttpClient _http = new() { BaseAddress = new Uri(host.Url) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task InvalidName_422OnMetadataName()
    {
        var status = await FailsAsync(() => _client.CoreV1.CreateNamespacedPodAsync(Pod("Bad_Name"), "default", cancellationToken: Ct));

        AssertInvalid(status, ("FieldValueInvalid", "metadata.name"));
    }

    [Fact]
    public async Task MissingImage_422Required()
    {
        var pod = Pod("no-image");
        pod.Spec.Containers[0].Image = null;

        var status = await FailsAsync(() => _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct));

        AssertInvalid(status, ("FieldValueRequired", "spec.containers[0].image"));
        Assert.Null(await host.Store.GetAsync<V1Pod>("default", "no-image", Ct));
    }

    [Fact]
    public async Task BadQuantity_RefusedWithTheField()
    {
        var response = await PostAsync("/api/v1/namespaces/default/pods", """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad-qty"},
             "spec":{"containers":[{"name":"main","image":"busybox","resources":{"requests":{"cpu":"two cores"}}}]}}
            """);

        var status = await StatusOf(response);
        AssertInvalid(status, ("FieldValueInvalid", "spec.containers[0].resources.requests[cpu]"));
        Assert.Null(await host.Store.GetAsync<V1Pod>("default", "bad-qty", Ct));
    }

    [Fact]
    public async Task BodyWithInvalidUtf8_ReadsItAsReplacementCharacters_AsGoDoes()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"odd-bytes","annotations":{"note":"a?b"}},
             "spec":{"containers":[{"name":"main","image":"busybox"}]}}
            """);
        body[Array.IndexOf(body, (byte)'?')] = 0xFF;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        var response = await _http.PostAsync("/api/v1/namespaces/default/pods", content, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("a\uFFFDb", (await host.Store.GetAsync<V1Pod>("default", "odd-bytes", Ct))!.Metadata.Annotations["note"]);
    }

    [Fact]
    public async Task BodyWithNullLabelAndKeyGivenTwice_IsReadAsGoReadsIt()
    {
        // Both are read from the tree, not the text: the null becomes "", the later key wins.
        var response = await PostAsync("/api/v1/namespaces/default/pods", """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"odd-json","labels":{"app":null}},
             "spec":{"containers":[{"name":"main","image":"first","image":"second"}]}}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = (await host.Store.GetAsync<V1Pod>("default", "odd-json", Ct))!;
        Assert.Equal(("", "second"), (stored.Metadata.Labels["app"], stored.Spec.Containers[0].Image));
    }

    [Fact]
    public async Task DuplicateContainerPorts_422Duplicate()
    {
        var pod = Pod("dup-ports");
        pod.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80 }, new V1ContainerPort { ContainerPort = 80 }];

        var status = await FailsAsync(() => _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct));

        AssertInvalid(status, ("FieldValueDuplicate", "spec.containers[0].ports[1].containerPort"));
    }

    [Fact]
    public async Task RcSelectorNotMatchingTemplate_422OnTemplateLabels()
    {
        var rc = MakeRc("mismatch", 1);
        rc.Spec.Selector = new Dictionary<string, string> { ["app"] = "other" };

        var status = await FailsAsync(() => _client.CoreV1.CreateNamespacedReplicationControllerAsync(rc, "default", cancellationToken: Ct));

        AssertInvalid(status, ("FieldValueInvalid", "spec.template.metadata.labels"));
        Assert.Null(await host.Store.GetAsync<V1ReplicationController>("default", "mismatch", Ct));
    }

    [Fact]
    public async Task RcNegativeReplicas_422_AndThroughScale()
    {
        var status = await FailsAsync(() => _client.CoreV1.CreateNamespacedReplicationControllerAsync(MakeRc("negative", -1), "default", cancellationToken: Ct));
        await _client.CoreV1.CreateNamespacedReplicationControllerAsync(MakeRc("to-scale", 1), "default", cancellationToken: Ct);
        var scale = await FailsAsync(() => _client.CoreV1.PatchNamespacedReplicationControllerScaleAsync(
            new V1Patch("""{"spec":{"replicas":-1}}""", V1Patch.PatchType.MergePatch), "to-scale", "default", cancellationToken: Ct));

        AssertInvalid(status, ("FieldValueInvalid", "spec.replicas"));
        AssertInvalid(scale, ("FieldValueInvalid", "spec.replicas"));
    }

    [Fact]
    public async Task ServiceDuplicatePortNamesAndBadSelector_422()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "dup-svc" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["bad key!"] = "web" },
                Ports = [new V1ServicePort { Name = "http", Port = 80 }, new V1ServicePort { Name = "http", Port = 81 }],
            },
        };

        var status = await FailsAsync(() => _client.CoreV1.CreateNamespacedServiceAsync(service, "default", cancellationToken: Ct));

        AssertInvalid(status, ("FieldValueDuplicate", "spec.ports[1].name"), ("FieldValueInvalid", "spec.selector"));
    }

    [Fact]
    public async Task BadLabelSelector_400()
    {
        var status = await FailsAsync(() => _client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app in (web", cancellationToken: Ct));

        AssertStatus(status, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task UnknownObject_404()
    {
        var status = await FailsAsync(() => _client.CoreV1.ReadNamespacedServiceAsync("nope", "default", cancellationToken: Ct));

        AssertStatus(status, HttpStatusCode.NotFound, "NotFound");
        Assert.Equal("nope", status["details"]!["name"]!.GetValue<string>());
        Assert.Equal("services", status["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateTwice_409AlreadyExists()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("twice"), "default", cancellationToken: Ct);

        var status = await FailsAsync(() => _client.CoreV1.CreateNamespacedPodAsync(Pod("twice"), "default", cancellationToken: Ct));

        AssertStatus(status, HttpStatusCode.Conflict, "AlreadyExists");
    }

    [Fact]
    public async Task StaleResourceVersion_409Conflict()
    {
        var created = await _client.CoreV1.CreateNamespacedPodAsync(Pod("stale"), "default", cancellationToken: Ct);
        // The scheduler writes the pod's status meanwhile, so a fresh read-modify-write may itself need a retry, as
        // every Kubernetes client does it.
        for (var attempt = 1; ; attempt++)
        {
            var fresh = await _client.CoreV1.ReadNamespacedPodAsync("stale", "default", cancellationToken: Ct);
            fresh.Metadata.Labels = new Dictionary<string, string> { ["v"] = "2" };
            try
            {
                await _client.CoreV1.ReplaceNamespacedPodAsync(fresh, "stale", "default", cancellationToken: Ct);
                break;
            }
            catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict && attempt < 10)
            {
            }
        }

        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "old" };
        var status = await FailsAsync(() => _client.CoreV1.ReplaceNamespacedPodAsync(created, "stale", "default", cancellationToken: Ct));

        AssertStatus(status, HttpStatusCode.Conflict, "Conflict");
        Assert.Equal("2", (await host.Store.GetAsync<V1Pod>("default", "stale", Ct))!.Metadata.Labels["v"]);
    }

    [Fact]
    public async Task WrongContentType_415()
    {
        var response = await PostAsync("/api/v1/namespaces/default/pods", "name: x", "text/plain");
        var patch = await SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/x", "{}", "application/json");

        AssertStatus(await StatusOf(response), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        AssertStatus(await StatusOf(patch), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
    }

    [Fact]
    public async Task GarbageJson_400()
    {
        var response = await PostAsync("/api/v1/namespaces/default/pods", "{\"metadata\": {\"name\": ");
        var wrongKind = await PostAsync("/api/v1/namespaces/default/pods", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"x"}}""");

        AssertStatus(await StatusOf(response), HttpStatusCode.BadRequest, "BadRequest");
        AssertStatus(await StatusOf(wrongKind), HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task TooLargeBody_413()
    {
        var pod = Pod("huge");
        pod.Metadata.Annotations = new Dictionary<string, string> { ["blob"] = new string('x', (int)ClusterApiHost.BodyLimit + 1) };

        var response = await PostAsync("/api/v1/namespaces/default/pods", KubernetesJson.Serialize(pod));

        AssertStatus(await StatusOf(response), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        Assert.Null(await host.Store.GetAsync<V1Pod>("default", "huge", Ct));
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
    };

    private static void AssertInvalid(JsonObject status, params (string Reason, string Field)[] causes)
    {
        AssertStatus(status, (HttpStatusCode)422, "Invalid");
        var actual = status["details"]!["causes"]!.AsArray().Select(c => (c!["reason"]!.GetValue<string>(), c["field"]!.GetValue<string>())).ToList();
        foreach (var cause in causes)
        {
            Assert.Contains(cause, actual);
        }
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, body, contentType);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return _http.SendAsync(new HttpRequestMessage(method, path) { Content = content }, Ct);
    }

    private static async Task<JsonObject> StatusOf(HttpResponseMessage response)
    {
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal((int)response.StatusCode, status["code"]!.GetValue<int>());
        return status;
    }
}
