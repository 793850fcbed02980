using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeMesos.Tests.Unit.Dashboard.Security;

/// <summary>
/// kubectl's <c>--token</c> against the app over HTTPS (kubectl sends credentials only over TLS: with an
/// <c>http://</c> server it drops them), with a certificate made for the test: an operator writes, a viewer reads but
/// cannot write, no token or an unknown one is refused as Unauthorized.
/// </summary>
public sealed class KubectlAuthTests(KubectlAuthTests.TlsAppHost host) : IClassFixture<KubectlAuthTests.TlsAppHost>, IDisposable
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

        // Without credentials kubectl answers a 401 by asking for a user name (which it cannot read here).
        var (anonymous, anonymousCode) = await KubectlAsync(null, null, "get", "pods");
        Assert.NotEqual(0, anonymousCode);
        Assert.Matches("Unauthorized|Please enter Username", anonymous);

        var (unknown, unknownCode) = await KubectlAsync("not-a-configured-token-at-all", null, "get", "pods");
        Assert.NotEqual(0, unknownCode);
        Assert.Contains("Unauthorized", unknown);
    }

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
        IEnumerable<string> all = args.Concat(["--server=" + host.Url, "--certificate-authority=" + host.CertificatePem, "--request-timeout=20s", "--cache-dir=" + Path.Combine(_dir, "cache")]);
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

    /// <summary>The app on HTTPS with a self-signed certificate for 127.0.0.1, which kubectl is told to trust.</summary>
    public sealed class TlsAppHost : SecuredAppHost
    {
        private readonly DirectoryInfo _certificates = Directory.CreateTempSubdirectory("kubemesos-tls-");

        public TlsAppHost()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
            CertificatePfx = Path.Combine(_certificates.FullName, "server.pfx");
            CertificatePem = Path.Combine(_certificates.FullName, "server.pem");
            File.WriteAllBytes(CertificatePfx, certificate.Export(X509ContentType.Pfx, "test"));
            File.WriteAllText(CertificatePem, certificate.ExportCertificatePem());
        }

        public string CertificatePfx { get; }

        public string CertificatePem { get; }

        protected override string Listen => "https://127.0.0.1:0";

        protected override string[] Extra => [$"--Kestrel:Certificates:Default:Path={CertificatePfx}", "--Kestrel:Certificates:Default:Password=test"];
    }
}
