using System.Net;
using System.Net.Http.Json;
using KubeMesos.Dashboard.Configuration;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Pods;
using KubeMesos.Shared.Contracts;
using k8s.Models;
using KubeMesos.Tests.Unit.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Dashboard.Api;

/// <summary>The operator API of the whole app (dashboard, framework, embedded master) over real HTTP.</summary>
public sealed class EmbeddedMasterApiTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("kubemesos-api-");
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = DashboardApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--Auth:Mode=Unsecured", "--Mesos:Embedded:Port=0", "--Mesos:Embedded:AllocationInterval=00:00:00.200", $"--Store:Path={_dataFolder.FullName}"],
            builder => builder.Logging.ClearProviders());
        await _app.StartAsync(Ct);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _dataFolder.Delete(recursive: true);
    }

    [Fact]
    public async Task AddAgent_Valid_CreatedAndAPodTooBigForTheOthersRunsOnIt()
    {
        var response = await _http.PostAsJsonAsync("/api/operator/agents",
            new { hostname = "big-1.local", cpus = 64, mem = 65536, disk = 1000, portsBegin = 31000, portsEnd = 31100, attributes = new Dictionary<string, string> { ["rack"] = "r7" } }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var agent = await response.Content.ReadFromJsonAsync<EmbeddedAgentInfo>(Ct);
        Assert.Equal("big-1.local", agent!.Hostname);
        var agents = await _http.GetFromJsonAsync<List<EmbeddedAgentInfo>>("/api/operator/agents", Ct);
        Assert.Contains(agents!, a => a.AgentId == agent.AgentId);

        await _app.Services.GetRequiredService<IPodService>().CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "needs-40-cpus" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("40") } } }] },
        }, Ct);

        var feed = _app.Services.GetRequiredService<IClusterFeed>();
        var snapshot = await FeedWaiter.WaitForAsync(feed,
            s => s.Pods.TryGetValue("default/needs-40-cpus", out var p) && p.Phase == PodPhases.Running, TimeSpan.FromSeconds(30), "the big pod to run");
        Assert.Equal("big-1.local", snapshot.Pods["default/needs-40-cpus"].NodeName);
        Assert.Equal("r7", snapshot.Agents[agent.AgentId].Attributes["rack"]);
    }

    [Fact]
    public async Task Framework_WithoutMesosWebuiUrl_SubscribesWithTheDashboardsOwnUrl()
    {
        var feed = _app.Services.GetRequiredService<IClusterFeed>();
        await FeedWaiter.WaitForAsync(feed, s => s.Scheduler.Connected, TimeSpan.FromSeconds(30), "the framework to subscribe");

        var framework = _app.Services.GetRequiredService<EmbeddedMesosMaster>()
            .OperatorResponse(global::Mesos.V1.Master.Call.Types.Type.GetFrameworks)!.GetFrameworks.Frameworks.Single();
        Assert.Equal(_http.BaseAddress!.ToString(), framework.FrameworkInfo.WebuiUrl);
    }

    [Fact]
    public async Task AddAgent_Invalid_400WithFieldErrors_NothingAdded()
    {
        var before = _app.Services.GetRequiredService<EmbeddedMesosMaster>().GetAgents().Count;

        var response = await _http.PostAsJsonAsync("/api/operator/agents", new { hostname = "", cpus = 0, mem = 1024, portsBegin = 32000, portsEnd = 31000 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("hostname", body, StringComparison.Ordinal);
        Assert.Contains("cpus", body, StringComparison.Ordinal);
        Assert.Contains("ports", body, StringComparison.Ordinal);
        Assert.Equal(before, _app.Services.GetRequiredService<EmbeddedMesosMaster>().GetAgents().Count);
    }

    [Fact]
    public async Task RemoveAgent_Existing_204ThenUnknown_404()
    {
        var agentId = _app.Services.GetRequiredService<EmbeddedMesosMaster>().GetAgents()[0].AgentId;

        var first = await _http.DeleteAsync($"/api/operator/agents/{agentId}", Ct);
        var second = await _http.DeleteAsync($"/api/operator/agents/{agentId}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task FailTask_Unknown_404WithMessage()
    {
        var response = await _http.PostAsync("/api/operator/frameworks/nope/tasks/nope.main/fail", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("has no live task", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
