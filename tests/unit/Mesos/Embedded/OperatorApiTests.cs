using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using KubeMesos.Shared.Mesos;
using Mesos.V1;
using Mesos.V1.Master;
using MasterCall = Mesos.V1.Master.Call;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>The embedded master's operator API and plain endpoints, read as a tool reads a real master's.</summary>
public sealed class OperatorApiTests
{
    private static async Task<Response> OperatorAsync(TestMaster test, MasterCall.Types.Type type, bool json)
    {
        var call = new MasterCall { Type = type };
        var content = new ByteArrayContent(json ? Encoding.UTF8.GetBytes(MesosJsonWriter.Format(call)) : call.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(json ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(json ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf));
        using var response = await test.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(json ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return json ? MesosMediaTypes.JsonReader.Parse<Response>(Encoding.UTF8.GetString(body)) : Response.Parser.ParseFrom(body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OperatorCalls_DecodeWithTheGeneratedMasterProtos(bool json)
    {
        await using var test = await TestMaster.StartAsync();
        await using var sub = await test.SubscribeAsync(TestMaster.Framework("ours"));
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "p1", "app"));
        await sub.AcknowledgeUntilAsync("p1.app", TaskState.TaskRunning);

        var health = await OperatorAsync(test, MasterCall.Types.Type.GetHealth, json);
        var version = await OperatorAsync(test, MasterCall.Types.Type.GetVersion, json);
        var agents = await OperatorAsync(test, MasterCall.Types.Type.GetAgents, json);
        var frameworks = await OperatorAsync(test, MasterCall.Types.Type.GetFrameworks, json);
        var tasks = await OperatorAsync(test, MasterCall.Types.Type.GetTasks, json);
        var state = await OperatorAsync(test, MasterCall.Types.Type.GetState, json);

        Assert.Equal(Response.Types.Type.GetHealth, health.Type);
        Assert.True(health.GetHealth.Healthy);
        Assert.Equal("1.11.0", version.GetVersion.VersionInfo.Version);

        Assert.Equal(2, agents.GetAgents.Agents.Count);
        var agent = agents.GetAgents.Agents.Single(a => a.AgentInfo.Id.Equals(offer.AgentId));
        Assert.True(agent.Active);
        Assert.Equal(offer.Hostname, agent.AgentInfo.Hostname);
        Assert.Equal(4, agent.TotalResources.Single(r => r.Name == "cpus").Scalar.Value);
        Assert.Equal(0.6, agent.AllocatedResources.Single(r => r.Name == "cpus").Scalar.Value, 6);
        Assert.Equal(31000UL, agent.TotalResources.Single(r => r.Name == "ports").Ranges.Range[0].Begin);

        var framework = Assert.Single(frameworks.GetFrameworks.Frameworks);
        Assert.Equal("ours", framework.FrameworkInfo.Name);
        Assert.Equal(sub.FrameworkId, framework.FrameworkInfo.Id);
        Assert.True(framework.Connected);
        Assert.Equal(0.6, framework.AllocatedResources.Where(r => r.Name == "cpus").Sum(r => r.Scalar.Value), 6);

        var task = Assert.Single(tasks.GetTasks.Tasks);
        Assert.Equal("p1.app", task.TaskId.Value);
        Assert.Equal("app", task.Name);
        Assert.Equal(TaskState.TaskRunning, task.State);
        Assert.Equal(offer.AgentId, task.AgentId);
        Assert.Equal("pod.p1", task.ExecutorId.Value);

        Assert.Equal(tasks.GetTasks, state.GetState.GetTasks);
        Assert.Equal(2, state.GetState.GetAgents.Agents.Count);
        Assert.Single(state.GetState.GetFrameworks.Frameworks);
        Assert.Equal("pod.p1", Assert.Single(state.GetState.GetExecutors.Executors).ExecutorInfo.ExecutorId.Value);
        Assert.True(state.IsInitialized());
    }

    [Fact]
    public async Task OperatorJson_WritesRangesAsNumbers()
    {
        await using var test = await TestMaster.StartAsync();
        var call = new ByteArrayContent("{\"type\": \"GET_AGENTS\"}"u8.ToArray());
        call.Headers.ContentType = new MediaTypeHeaderValue(MesosMediaTypes.Json);

        using var response = await test.Http.PostAsync("master/api/v1", call, TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var ports = doc.RootElement.GetProperty("get_agents").GetProperty("agents")[0].GetProperty("total_resources").EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "ports");
        Assert.Equal(JsonValueKind.Number, ports.GetProperty("ranges").GetProperty("range")[0].GetProperty("begin").ValueKind);
        Assert.Equal(test.Http.BaseAddress!.Port, doc.RootElement.GetProperty("get_agents").GetProperty("agents")[0].GetProperty("agent_info").GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task OperatorApi_RefusesWhatAMasterRefuses()
    {
        await using var test = await TestMaster.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var get = await test.Http.GetAsync("api/v1", ct);
        var unsupported = new ByteArrayContent("{\"type\": \"GET_FLAGS\"}"u8.ToArray());
        unsupported.Headers.ContentType = new MediaTypeHeaderValue(MesosMediaTypes.Json);
        using var flags = await test.Http.PostAsync("api/v1", unsupported, ct);
        var garbage = new ByteArrayContent("not json"u8.ToArray());
        garbage.Headers.ContentType = new MediaTypeHeaderValue(MesosMediaTypes.Json);
        using var bad = await test.Http.PostAsync("api/v1", garbage, ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotImplemented, flags.StatusCode);
        Assert.Contains("GetFlags", await flags.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task PlainEndpoints_RedirectHealthVersionAndState()
    {
        await using var test = await TestMaster.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = test.Http.BaseAddress };
        await using var sub = await test.SubscribeAsync(TestMaster.Framework("ours"));

        using var redirect = await http.GetAsync("master/redirect", ct);
        using var health = await http.GetAsync("health", ct);
        using var version = await http.GetAsync("version", ct);
        using var state = JsonDocument.Parse(await http.GetStringAsync("master/state", ct));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal($"//127.0.0.1:{test.Http.BaseAddress!.Port}", redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("1.11.0", JsonDocument.Parse(await version.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("version").GetString());
        Assert.Equal(test.Master.MasterId, state.RootElement.GetProperty("id").GetString());
        Assert.Equal(2, state.RootElement.GetProperty("slaves").GetArrayLength());
        Assert.Equal("[31000-32000]", state.RootElement.GetProperty("slaves")[0].GetProperty("resources").GetProperty("ports").GetString());
        Assert.Equal("ours", state.RootElement.GetProperty("frameworks")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task AgentFilesRead_ServesTheTaskSandboxAsMesosDoes()
    {
        await using var test = await TestMaster.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Group(sub.FrameworkId, offer, "p1", "app"));
        await sub.AcknowledgeUntilAsync("p1.app", TaskState.TaskRunning);
        var agentBase = FilesReadOf(offer);
        var path = Uri.EscapeDataString($"/frameworks/{sub.FrameworkId.Value}/executors/pod.p1/runs/latest/tasks/p1.app/stdout");

        using var size = JsonDocument.Parse(await test.Http.GetStringAsync($"{agentBase}?path={path}&offset=-1", ct));
        using var all = JsonDocument.Parse(await test.Http.GetStringAsync($"{agentBase}?path={path}&offset=0", ct));
        using var part = JsonDocument.Parse(await test.Http.GetStringAsync($"{agentBase}?path={path}&offset=5&length=10", ct));
        using var missing = await test.Http.GetAsync($"{agentBase}?path={Uri.EscapeDataString("/frameworks/x/executors/y/runs/latest/stdout")}", ct);

        var text = all.RootElement.GetProperty("data").GetString()!;
        Assert.Equal(Encoding.UTF8.GetByteCount(text), size.RootElement.GetProperty("offset").GetInt64());
        Assert.Equal("", size.RootElement.GetProperty("data").GetString());
        Assert.Contains("Starting task p1.app", text, StringComparison.Ordinal);
        Assert.Contains("Task p1.app is RUNNING", text, StringComparison.Ordinal);
        Assert.Equal(5, part.RootElement.GetProperty("offset").GetInt64());
        Assert.Equal(text.Substring(5, 10), part.RootElement.GetProperty("data").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AgentFilesRead_CommandTaskSandbox_IsTheExecutorsRunDirectory_AndOtherPathsAreMissing()
    {
        await using var test = await TestMaster.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var sub = await test.SubscribeAsync();
        var offer = await sub.NextOfferAsync();
        await sub.AcceptedAsync(Launches.Command(offer, "c1"));
        await sub.AcknowledgeUntilAsync("c1", TaskState.TaskRunning);
        var agentBase = FilesReadOf(offer);
        var run = $"/frameworks/{sub.FrameworkId.Value}/executors/c1/runs/latest";

        async Task<HttpStatusCode> StatusOf(string path)
        {
            using var response = await test.Http.GetAsync($"{agentBase}?path={Uri.EscapeDataString(path)}&offset=0", ct);
            return response.StatusCode;
        }

        using var stderr = JsonDocument.Parse(await test.Http.GetStringAsync($"{agentBase}?path={Uri.EscapeDataString(run + "/stderr")}&offset=0", ct));
        Assert.Contains("launching task c1", stderr.RootElement.GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusOf(run + "/stdout"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(run + "/tasks/c1/stdout"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(run + "/other"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf($"/frameworks/{sub.FrameworkId.Value}/executors/c1/runs/previous/stdout"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf($"/frameworks/{sub.FrameworkId.Value}/executors/c1/stdout"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf("stdout"));
    }

    /// <summary>The offering agent's <c>/files/read</c>, beside its <c>slave(1)</c> endpoint.</summary>
    private static string FilesReadOf(Offer offer) => $"{offer.Url.Path[..^"slave(1)".Length]}files/read";
}
