using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KubeMesos.Framework.Mesos.Client;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Tests.Unit.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Framework.Mesos;

/// <summary>Several configured masters: an unreachable one is skipped, a non-leader's 307 is followed to the leader.</summary>
public sealed class MasterDetectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SeveralMasters_SkipsTheDeadOne_FollowsTheRedirectToTheLeader_WithCredentials()
    {
        var leader = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new ConcurrentQueue<string?>();

        // A non-leading master answers every scheduler call with a protocol-relative 307 to the leader, as Mesos does.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var follower = builder.Build();
        follower.MapPost("/api/v1/scheduler", async (HttpContext context) =>
        {
            seen.Enqueue(context.Request.Headers.Authorization.ToString());
            var target = await leader.Task;
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"//{target.Host}:{target.Port}/api/v1/scheduler";
        });
        await follower.StartAsync(TestContext.Current.CancellationToken);

        var unused = new TcpListener(IPAddress.Loopback, 0);
        unused.Start();
        var deadPort = ((IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();

        await using var host = await FrameworkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesos:Master"] = $"http://127.0.0.1:{deadPort}, {follower.Urls.First()}",
            ["Mesos:Principal"] = "kubemesos",
            ["Mesos:Secret"] = "s3cret",
            ["Mesos:MinReconnectDelay"] = "00:00:00.050",
        });
        var embedded = await host.Services.GetRequiredService<EmbeddedMesosMaster>().Started;
        leader.SetResult(embedded);

        var snapshot = await FeedWaiter.WaitForAsync(host.Feed, s => s.Scheduler.Connected, Timeout, "the framework to subscribe at the leader");

        Assert.Equal(embedded.ToString(), snapshot.Scheduler.Master);
        Assert.Equal(host.Services.GetRequiredService<MesosSchedulerClient>().FrameworkId!.Value, snapshot.Scheduler.FrameworkId);
        Assert.Contains("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("kubemesos:s3cret")), seen);
    }

    [Theory]
    [InlineData("ftp://m:5050", "not an http:// or https:// URL")]
    [InlineData("http://a:5050,nonsense", "'nonsense' is not")]
    public void Options_RefuseMasterUrlsThatAreNotUrls(string master, string message)
    {
        var result = new MesosClientOptionsValidator().Validate(null, new MesosClientOptions { Master = master });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_SecretNeedsPrincipal_AndTheCaFileMustExist()
    {
        var result = new MesosClientOptionsValidator().Validate(null, new MesosClientOptions { Secret = "x", CaCertificatePath = "/nonexistent/ca.pem", WebuiUrl = "dash" });

        Assert.Contains("Mesos:Secret is set without Mesos:Principal", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mesos:CaCertificatePath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mesos:WebuiUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new MesosClientOptionsValidator().Validate(null, new MesosClientOptions { Master = "https://m1:5050,http://m2:5050" }).Succeeded);
        Assert.Equal([new Uri("https://m1:5050/"), new Uri("http://m2:5050/")], new MesosClientOptions { Master = "https://m1:5050, http://m2:5050" }.MasterUris);
    }

    [Fact]
    public void Options_RolesListOrTheSingleRoleAlias_AndBadRoleNamesAreRefused()
    {
        Assert.Equal(["kubemesos"], new MesosClientOptions().EffectiveRoles);
        Assert.Equal(["web"], new MesosClientOptions { Role = "web" }.EffectiveRoles);
        Assert.Equal(["web", "batch"], new MesosClientOptions { Roles = ["web", "batch", "web"] }.EffectiveRoles);

        var result = new MesosClientOptionsValidator().Validate(null, new MesosClientOptions { Roles = ["web", "-x", "a b", "eng/../x"], Role = "ops" });

        Assert.Contains("'-x' must not start with '-'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'a b' contains whitespace", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'eng/../x' has an empty", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mesos:Role 'ops' is not among Mesos:Roles", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new MesosClientOptionsValidator().Validate(null, new MesosClientOptions { Roles = ["web", "eng/batch"], Role = "web" }).Succeeded);
    }
}
