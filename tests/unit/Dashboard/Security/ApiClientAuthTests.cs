using System.Diagnostics;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>
/// Bearer tokens with real clients over real HTTP: kubectl's <c>--token</c> and KubernetesClient's access token, as a
/// viewer (reads, no writes) and an operator; no token or an unknown one gets <c>401</c>, a viewer's write <c>403</c>,
/// each a Kubernetes <c>Status</c>.
/// </summary>
public sealed class ApiClientAuthTests(SecuredAppHost host) : IClassFixture<SecuredAppHost>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-auth-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string PodYaml = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: NAME
        spec:
          nodeSelector: {k8s.mesosphere.io/attribute-rack: nowhere}
          containers:
          - name: main
            image: nginx:1.27
        """;

    [Fact]
    public async Task Kubectl_Token_OperatorWritesViewerReadsButCannotWrite_NoTokenUnauthorized()
    {
        var (created, createdCode) = await KubectlAsync(SecuredAppHost.OperatorToken, PodYaml.Replace("NAME", "kubectl-operator"), "apply", "-f", "-");
        Assert.True(createdCode == 0, created);
        Assert.Contains("pod/kubectl-operator created", created);

        var (listed, listedCode) = await KubectlAsync(SecuredAppHost.ViewerToken, null, "get", "pods");
        Assert.True(listedCode == 0, listed);
        Assert.Contains("kubectl-operator", listed);

        var (refused, refusedCode) = await KubectlAsync(SecuredAppHost.ViewerToken, null, "delete", "pod", "kubectl-operator");
        Assert.NotEqual(0, refusedCode);
        Assert.Contains("Forbidden", refused, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ci-viewer", refused);

        var (anonymous, anonymousCode) = await KubectlAsync(null, null, "get", "pods");
        Assert.NotEqual(0, anonymousCode);
        Assert.Contains("Unauthorized", anonymous);

        var (unknown, unknownCode) = await KubectlAsync("not-a-configured-token-at-all", null, "get", "pods");
        Assert.NotEqual(0, unknownCode);
        Assert.Contains("Unauthorized", unknown);
    }

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

    private async Task<(string Output, int ExitCode)> KubectlAsync(string? token, string? stdin, params string[] args)
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, "", Ct);
        var start = new ProcessStartInfo("/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        IEnumerable<string> all = args.Concat(["--server=" + host.Url, "--request-timeout=20s", "--cache-dir=" + Path.Combine(_dir, "cache")]);
        if (token is not null)
        {
            all = all.Append("--token=" + token);
        }

        foreach (var arg in all)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = _dir;
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (await stdout + await stderr, process.ExitCode);
    }
}
