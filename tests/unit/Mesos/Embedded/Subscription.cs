using System.Text;
using Google.Protobuf;
using KubeMesos.Shared.Mesos;
using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;
using Mesos.V1.Scheduler;
using Xunit;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>One SUBSCRIBE stream read with our RecordIoReader, plus calls that carry its stream ID.</summary>
internal sealed class Subscription(TestMaster master, HttpResponseMessage response, bool json, Stream body) : IAsyncDisposable
{
    // A guard against a hung test only; every wait below ends as soon as its condition holds.
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(20);

    private readonly RecordIoReader _reader = new(body);
    private readonly List<Event> _backlog = [];

    public HttpResponseMessage Response { get; } = response;
    public string StreamId { get; } = response.Headers.GetValues(MesosMediaTypes.StreamIdHeader).Single();
    public FrameworkID FrameworkId { get; set; } = new();
    public Event Subscribed { get; set; } = new();

    /// <summary>Every event read so far, in order.</summary>
    public List<Event> Seen { get; } = [];

    /// <summary>The next event, or null when the master ended the stream.</summary>
    public async Task<Event?> TryNextAsync()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(s_guard);
        var record = await _reader.ReadAsync(cts.Token);
        if (record is null)
        {
            return null;
        }

        var e = json ? MesosJsonDialect.Parse<Event>(Encoding.UTF8.GetString(record)) : Event.Parser.ParseFrom(record);
        Seen.Add(e);
        return e;
    }

    public async Task<Event> NextAsync() => await TryNextAsync() ?? throw new InvalidOperationException("The master ended the stream.");

    /// <summary>
    /// The first event that matches, earlier unmatched ones included (they stay for later waits, so waiting for one
    /// task's update does not lose another's). Everything read is also in <see cref="Seen"/>.
    /// </summary>
    public async Task<Event> WaitForAsync(Func<Event, bool> match)
    {
        var index = _backlog.FindIndex(e => match(e));
        if (index >= 0)
        {
            var found = _backlog[index];
            _backlog.RemoveAt(index);
            return found;
        }

        while (true)
        {
            var e = await NextAsync();
            if (match(e))
            {
                return e;
            }

            _backlog.Add(e);
        }
    }

    public async Task<Offer> NextOfferAsync(Func<Offer, bool>? match = null)
    {
        var e = await WaitForAsync(e => e.Type == Event.Types.Type.Offers && e.Offers.Offers_.Any(o => match?.Invoke(o) ?? true));
        return e.Offers.Offers_.First(o => match?.Invoke(o) ?? true);
    }

    public async Task<TaskStatus> NextUpdateAsync(string taskId, TaskState? state = null)
    {
        var e = await WaitForAsync(e => e.Type == Event.Types.Type.Update && e.Update.Status.TaskId.Value == taskId && (state is null || e.Update.Status.State == state));
        return e.Update.Status;
    }

    /// <summary>Acknowledges the task's updates as they come (each is sent after the previous ACK) until one has <paramref name="state"/>.</summary>
    public async Task<TaskStatus> AcknowledgeUntilAsync(string taskId, TaskState state)
    {
        while (true)
        {
            var status = await NextUpdateAsync(taskId);
            if (status.HasUuid)
            {
                await AcknowledgeAsync(status);
            }

            if (status.State == state)
            {
                return status;
            }
        }
    }

    public async Task<HttpResponseMessage> CallAsync(Call call)
    {
        call.FrameworkId ??= FrameworkId;
        return await master.PostAsync(call, StreamId, json ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf);
    }

    public async Task AcceptedAsync(Call call)
    {
        using var r = await CallAsync(call);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, r.StatusCode);
    }

    public Task AcknowledgeAsync(TaskStatus status) => AcceptedAsync(new Call
    {
        Type = Call.Types.Type.Acknowledge,
        Acknowledge = new() { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid },
    });

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await body.DisposeAsync();
        Response.Dispose();
    }
}
