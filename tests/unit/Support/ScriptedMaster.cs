using System.Threading.Channels;
using Google.Protobuf;
using KubeMesos.Shared.Mesos;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>
/// A Mesos master whose event stream the test writes record by record, over real HTTP: for what the real
/// (embedded) master never sends — malformed records, out-of-order updates, unknown event types. Every other call
/// is recorded and answered 202, as a master does.
/// </summary>
public sealed class ScriptedMaster : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile Channel<(byte[] Bytes, bool Framed)> _records = Channel.CreateUnbounded<(byte[] Bytes, bool Framed)>();
    private readonly Channel<Call> _calls = Channel.CreateUnbounded<Call>();

    private ScriptedMaster(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First() + "/");

    public static async Task<ScriptedMaster> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var master = new ScriptedMaster(app);
        app.MapPost("/api/v1/scheduler", master.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return master;
    }

    /// <summary>Sends an event on the open stream.</summary>
    public void Send(Event mesosEvent) => _records.Writer.TryWrite((mesosEvent.ToByteArray(), true));

    /// <summary>Sends raw bytes as one record (framed correctly, contents as given).</summary>
    public void SendRaw(byte[] record) => _records.Writer.TryWrite((record, true));

    /// <summary>
    /// Writes bytes on the open stream as they are, unframed (broken length prefixes, cut frames), and, with
    /// <paramref name="end"/>, ends it. Later records already go to the next SUBSCRIBE, so the framework's
    /// resubscription never races the broken stream for them.
    /// </summary>
    public void BreakStream(IEnumerable<byte[]> wire, bool end)
    {
        var broken = _records;
        _records = Channel.CreateUnbounded<(byte[] Bytes, bool Framed)>();
        foreach (var bytes in wire)
        {
            broken.Writer.TryWrite((bytes, false));
        }

        if (end)
        {
            broken.Writer.TryComplete();
        }
    }

    /// <summary>Ends the open stream (the framework sees its connection close); later records go to the next SUBSCRIBE.</summary>
    public void EndStream()
    {
        var ended = _records;
        _records = Channel.CreateUnbounded<(byte[] Bytes, bool Framed)>();
        ended.Writer.TryComplete();
    }

    /// <summary>The next call of the given type the framework sent (others are skipped).</summary>
    public Task<Call> NextCallAsync(Call.Types.Type type, TimeSpan timeout) => NextCallOfAsync([type], timeout);

    /// <summary>The next call of any of the given types the framework sent (others are skipped).</summary>
    public async Task<Call> NextCallOfAsync(IReadOnlyCollection<Call.Types.Type> types, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            var call = await _calls.Reader.ReadAsync(cts.Token);
            if (types.Contains(call.Type))
            {
                return call;
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var call = Call.Parser.ParseFrom(body.ToArray());
        _calls.Writer.TryWrite(call);
        if (call.Type != Call.Types.Type.Subscribe)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var records = _records;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MesosMediaTypes.Protobuf;
        context.Response.Headers[MesosMediaTypes.StreamIdHeader] = Guid.NewGuid().ToString();
        await context.Response.StartAsync(context.RequestAborted);
        try
        {
            await foreach (var (bytes, framed) in records.Reader.ReadAllAsync(context.RequestAborted))
            {
                await (framed ? RecordIoWriter.WriteAsync(context.Response.Body, bytes, context.RequestAborted) : context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask());
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _records.Writer.TryComplete();
        await _app.DisposeAsync();
    }
}
