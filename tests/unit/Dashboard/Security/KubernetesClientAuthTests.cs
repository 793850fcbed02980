using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>
/// KubernetesClient's access token over real HTTP, as a viewer (reads, no writes) and an operator; an unknown token
/// gets <c>401</c>, a viewer's write <c>403</c>, each a Kubernetes <c>Status</c>.
/// </summary>
public sealed class KubernetesClientAuthTests(SecuredAppHost host) : IClassFixture<SecuredAppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KubernetesClient_AccessToken_OperatorCreatesViewerListsViewerCreateForbidden()
    {
        using var @operator = Client(SecuredAppHost.OperatorToken);
        using var viewer = Client(SecuredAppHost.ViewerToken);

        await @operator.CoreV1.CreateNamespacedPodAsync(Pod("client-operator"), "default", cancellationToken: Ct);
        var pods = await viewer.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        Assert.Contains(pods.Items, p => p.Metadata.Name == "client-operator");

        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() => viewer.CoreV1.CreateNamespacedPodAsync(Pod("client-viewer"), "default", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Response.StatusCode);
        using var status = JsonDocument.Parse(forbidden.Response.Content);
        Assert.Equal("Status", status.RootElement.GetProperty("kind").GetString());
        Assert.Equal("Forbidden", status.RootElement.GetProperty("reason").GetString());
        Assert.Contains("ci-viewer", status.RootElement.GetProperty("message").GetString());

        using var unknown = Client("not-a-configured-token-at-all");
        var unauthorized = await Assert.ThrowsAsync<HttpOperationException>(() => unknown.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Response.StatusCode);
        using var unauthorizedStatus = JsonDocument.Parse(unauthorized.Response.Content);
        Assert.Equal("Unauthorized", unauthorizedStatus.RootElement.GetProperty("reason").GetString());
    }

    private Kubernetes Client(string token) => new(new KubernetesClientConfiguration { Host = host.Url, AccessToken = token });

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            NodeSelector = new Dictionary<string, string> { ["k8s.mesosphere.io/attribute-rack"] = "nowhere" },
            Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }],
        },
    };
}
