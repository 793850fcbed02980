using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KubeMesos.Framework.Mesos.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Framework.Mesos;

/// <summary>An https:// master whose certificate a private CA signed: trusted with Mesos:CaCertificatePath, refused without.</summary>
public sealed class MesosTlsTests
{
    [Fact]
    public async Task HttpsMaster_TrustedThroughTheConfiguredCa_RefusedWithoutIt()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=kubemesos test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        using var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(server)));
        await using var master = builder.Build();
        master.MapGet("/health", () => Results.Ok());
        await master.StartAsync(TestContext.Current.CancellationToken);
        var url = new Uri(master.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/health");

        var caFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem(), TestContext.Current.CancellationToken);
        try
        {
            using var trusting = new HttpClient(MesosHttpHandlers.CreatePrimary(new MesosClientOptions { CaCertificatePath = caFile }));
            using var plain = new HttpClient(MesosHttpHandlers.CreatePrimary(new MesosClientOptions()));

            using var ok = await trusting.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(url, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(caFile);
        }
    }
}
