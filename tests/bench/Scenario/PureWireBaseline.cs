using System.Diagnostics;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Google.Protobuf;
using KubeMesos.Bench.Micro;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Mesos;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KubeMesos.Bench.Scenario;

/// <summary>
/// The limit: a framework that does no scheduling work. Same embedded master and agents, same HTTP and protobuf,
/// same LAUNCH_GROUP operations (built by <see cref="LaunchGroupBuilder"/> from pods made before the clock starts),
/// the same number of pods per ACCEPT as the real run used, every status update acknowledged, one loop like ours.
/// No store, no feed, no placement pipeline, no Kubernetes API.
/// </summary>
public static class PureWireBaseline
{
    public sealed record Result(int Tasks, int Accepts, int Acknowledges, long Offers, double FirstOfferToAllRunningMs, double TasksPerSecond);

    public static async Task<Result> RunAsync(ScenarioOptions o, int perAccept, CancellationToken ct)
    {
        var options = new EmbeddedMasterOptions
        {
            Port = 0,
            AgentCount = o.Agents,
            TaskStepDelay = o.TaskStepDelay,
            AllocationInterval = o.AllocationInterval,
        };
        await using var master = new EmbeddedMesosMaster(Options.Create(options), NullLoggerFactory.Instance, TimeProvider.System);
        await master.StartAsync(ct).ConfigureAwait(false);
        var baseUri = await master.Started.ConfigureAwait(false);
        var endpoint = new Uri(baseUri, "api/v1/scheduler");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        var schedulerOptions = new SchedulerOptions();
        var pods = Enumerable.Range(0, o.Pods).Select(i => Fixtures.Pod(i)).ToArray();

        var subscribe = new Call
        {
            Type = Call.Types.Type.Subscribe,
            Subscribe = new Call.Types.Subscribe
            {
                FrameworkInfo = new FrameworkInfo
                {
                    User = "root",
                    Name = "pure-wire",
                    Roles = { "kubemesos" },
                    Capabilities =
                    {
                        new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.MultiRole },
                        new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.PartitionAware },
                    },
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Encode(subscribe) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MesosMediaTypes.Protobuf));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var streamId = response.Headers.GetValues(MesosMediaTypes.StreamIdHeader).First();
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);

        // Reader and worker apart, as in the real framework: never block the event stream on our own calls.
        var inbox = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Run(async () =>
        {
            await using var records = new RecordIoReader(stream);
            try
            {
                while (await records.ReadAsync(stop.Token).ConfigureAwait(false) is { } record)
                {
                    inbox.Writer.TryWrite(Event.Parser.ParseFrom(record));
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }

            inbox.Writer.TryComplete();
        }, CancellationToken.None);

        FrameworkID? frameworkId = null;
        var next = 0;
        var running = 0;
        var accepts = 0;
        var acks = 0;
        long offers = 0;
        long firstOffer = 0;
        long allRunning = 0;
        await foreach (var e in inbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            switch (e.Type)
            {
                case Event.Types.Type.Subscribed:
                    frameworkId = e.Subscribed.FrameworkId;
                    break;
                case Event.Types.Type.Offers:
                    if (firstOffer == 0)
                    {
                        firstOffer = Stopwatch.GetTimestamp();
                    }

                    foreach (var offer in e.Offers.Offers_)
                    {
                        offers++;
                        var call = new Call { FrameworkId = frameworkId, Type = Call.Types.Type.Accept };
                        var accept = new Call.Types.Accept { OfferIds = { offer.Id }, Filters = new Filters { RefuseSeconds = next < o.Pods ? 0 : 5 } };
                        // As many as the offer holds, up to the real run's pods per ACCEPT (a launch that does not fit fails).
                        var fits = Math.Min(perAccept, Fits(offer, schedulerOptions));
                        for (var k = 0; k < fits && next < o.Pods; k++, next++)
                        {
                            accept.Operations.Add(LaunchGroupBuilder.Build(pods[next], offer, frameworkId!, schedulerOptions));
                        }

                        if (accept.Operations.Count > 0)
                        {
                            accepts++;
                        }

                        call.Accept = accept;
                        await SendAsync(http, endpoint, streamId, call, ct).ConfigureAwait(false);
                    }

                    break;
                case Event.Types.Type.Update when e.Update.Status is { } status:
                    if (status.HasUuid)
                    {
                        acks++;
                        await SendAsync(http, endpoint, streamId, new Call
                        {
                            FrameworkId = frameworkId,
                            Type = Call.Types.Type.Acknowledge,
                            Acknowledge = new Call.Types.Acknowledge { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid },
                        }, ct).ConfigureAwait(false);
                    }

                    if (status.State is TaskState.TaskError or TaskState.TaskFailed or TaskState.TaskLost or TaskState.TaskDropped)
                    {
                        throw new InvalidOperationException($"pure wire: task {status.TaskId.Value} {status.State}: {status.Message}");
                    }

                    if (status.State == TaskState.TaskRunning && ++running == o.Pods)
                    {
                        allRunning = Stopwatch.GetTimestamp();
                    }

                    break;
            }

            ScenarioRunner.Progress($"pure wire: launched {next}, Running {running}/{o.Pods}, offers {offers}, accepts {accepts}");
            if (allRunning != 0)
            {
                break;
            }
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await reader.ConfigureAwait(false);
        await master.StopAsync(CancellationToken.None).ConfigureAwait(false);
        var ms = Stats.Ms(firstOffer, allRunning);
        return new Result(o.Pods, accepts, acks, offers, ms, o.Pods / (ms / 1000));
    }

    /// <summary>How many of the fixture pods (100m cpu, 64 MiB, plus the executor's share) the offer holds.</summary>
    private static int Fits(Offer offer, SchedulerOptions options)
    {
        double Scalar(string name) => offer.Resources.Where(r => r.Name == name).Sum(r => r.Scalar?.Value ?? 0);
        var cpus = 0.1 + options.ExecutorCpus;
        var mem = 64 + options.ExecutorMemMb;
        return (int)Math.Floor(Math.Min((Scalar("cpus") + 1e-9) / cpus, (Scalar("mem") + 1e-9) / mem));
    }

    private static async Task SendAsync(HttpClient http, Uri endpoint, string streamId, Call call, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Encode(call) };
        request.Headers.Add(MesosMediaTypes.StreamIdHeader, streamId);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{call.Type} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
        }
    }

    private static ByteArrayContent Encode(Call call)
    {
        var content = new ByteArrayContent(call.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(MesosMediaTypes.Protobuf);
        return content;
    }
}
