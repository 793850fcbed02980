using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Shared.Mesos;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>An embedded master on a free loopback port and a plain HttpClient speaking the v1 API to it.</summary>
internal sealed class TestMaster : IAsyncDisposable
{
    private TestMaster(EmbeddedMesosMaster master, Uri baseUri)
    {
        Master = master;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
    }

    public EmbeddedMesosMaster Master { get; }
    public HttpClient Http { get; }

    public static async Task<TestMaster> StartAsync(Action<EmbeddedMasterOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new EmbeddedMasterOptions { Port = 0, AgentCount = 2, TaskStepDelay = TimeSpan.FromMilliseconds(20) };
        configure?.Invoke(options);
        var master = new EmbeddedMesosMaster(Options.Create(options), NullLoggerFactory.Instance, time ?? TimeProvider.System);
        await master.StartAsync(TestContext.Current.CancellationToken);
        return new TestMaster(master, await master.Started);
    }

    public static FrameworkInfo Framework(string name = "kubemesos", bool partitionAware = true, double failoverTimeout = 0)
    {
        var info = new FrameworkInfo { User = "nobody", Name = name, Roles = { "kubemesos" }, FailoverTimeout = failoverTimeout };
        info.Capabilities.Add(new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.MultiRole });
        if (partitionAware)
        {
            info.Capabilities.Add(new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.PartitionAware });
        }

        return info;
    }

    public Task<HttpResponseMessage> PostAsync(Call call, string? streamId, string contentType = MesosMediaTypes.Protobuf) =>
        PostRawAsync(contentType == MesosMediaTypes.Json ? Encoding.UTF8.GetBytes(MesosMediaTypes.JsonWriter.Format(call)) : call.ToByteArray(), streamId, contentType);

    public async Task<HttpResponseMessage> PostRawAsync(byte[] body, string? streamId, string? contentType, string? accept = null, bool streaming = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler") { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            // Not MediaTypeHeaderValue.Parse: a malformed or charset-carrying value must reach the server as is.
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (streamId is not null)
        {
            request.Headers.Add(MesosMediaTypes.StreamIdHeader, streamId);
        }

        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return await Http.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, TestContext.Current.CancellationToken);
    }

    public async Task<Subscription> SubscribeAsync(FrameworkInfo? info = null, bool json = false, FrameworkID? id = null, bool expectSubscribed = true)
    {
        info ??= Framework();
        var call = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new() { FrameworkInfo = info } };
        if (id is not null)
        {
            call.FrameworkId = id;
            call.Subscribe.FrameworkInfo.Id = id;
        }

        var body = json ? Encoding.UTF8.GetBytes(MesosMediaTypes.JsonWriter.Format(call)) : call.ToByteArray();
        var response = await PostRawAsync(body, null, json ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf, json ? null : MesosMediaTypes.Protobuf, streaming: true);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var subscription = new Subscription(this, response, json, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        if (!expectSubscribed)
        {
            return subscription;
        }

        var subscribed = await subscription.NextAsync();
        Assert.Equal(Event.Types.Type.Subscribed, subscribed.Type);
        subscription.FrameworkId = subscribed.Subscribed.FrameworkId;
        subscription.Subscribed = subscribed;
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Master.StopAsync(CancellationToken.None);
        await Master.DisposeAsync();
    }
}
