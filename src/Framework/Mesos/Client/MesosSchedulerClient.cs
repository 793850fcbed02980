using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Mesos;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>
/// The framework's side of the Mesos v1 Scheduler HTTP API: holds the SUBSCRIBE stream, hands its events to the
/// <see cref="IMesosEventSink"/>, declares the stream dead after missed heartbeats and resubscribes with the same
/// framework id and exponential backoff. Calls go out on other connections with the stream id.
/// It knows the master only by URL, so it talks to the embedded master and to Apache Mesos alike.
/// </summary>
public sealed partial class MesosSchedulerClient(
    IHttpClientFactory httpClientFactory,
    IMesosMasterLocator masterLocator,
    IMesosEventSink sink,
    IOptions<MesosClientOptions> options,
    SchedulerCounters counters,
    FrameworkIdStore frameworkIds,
    IFrameworkWebUi webUi,
    TimeProvider timeProvider,
    ILogger<MesosSchedulerClient> logger) : BackgroundService, IMesosCallSender
{
    public const string HttpClientName = "mesos";

    // A leader that changes again while we follow it: give up after a few hops and start over after the backoff.
    private const int MaxRedirects = 4;

    private readonly MesosClientOptions _options = options.Value;
    private readonly Lock _lock = new();
    private Uri? _master;
    private Uri? _redirect;
    private CancellationTokenSource _streamLifetime = new();
    private string? _streamId;
    private FrameworkID? _frameworkId;

    /// <summary>The id the master gave us; kept across resubscriptions.</summary>
    public FrameworkID? FrameworkId
    {
        get
        {
            lock (_lock)
            {
                return _frameworkId;
            }
        }
    }

    /// <summary>True while a SUBSCRIBE stream is open and SUBSCRIBED was received.</summary>
    public bool IsSubscribed
    {
        get
        {
            lock (_lock)
            {
                return _streamId is not null && _frameworkId is not null;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LoadFrameworkIdAsync(stoppingToken).ConfigureAwait(false);
        var delay = _options.MinReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            string reason;
            var subscribed = false;
            try
            {
                _master = _redirect ?? await masterLocator.GetMasterUriAsync(stoppingToken).ConfigureAwait(false);
                _redirect = null;
                subscribed = await SubscribeAndReadAsync(_master, stoppingToken).ConfigureAwait(false);
                reason = "the master closed the event stream";
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or RecordIoFormatException
                                           or InvalidProtocolBufferException or MesosCallException or OperationCanceledException)
            {
                reason = ex is OperationCanceledException ? "missed heartbeats" : ex.Message;
                if (ex is HttpRequestException && _master is { } unreachable)
                {
                    // With several masters configured, the next attempt asks another one.
                    masterLocator.MarkUnreachable(unreachable);
                }
            }

            counters.Disconnected();
            lock (_lock)
            {
                _streamId = null;

                // Calls still in flight belong to the dead stream: fail them now rather than after their timeout,
                // so the scheduler loop hears of the disconnection at once.
                _streamLifetime.Cancel();
                _streamLifetime.Dispose();
                _streamLifetime = new CancellationTokenSource();
            }

            await sink.OnDisconnectedAsync(reason, stoppingToken).ConfigureAwait(false);
            if (subscribed)
            {
                delay = _options.MinReconnectDelay;
            }

            // Jitter keeps a fleet of replicas from stampeding a recovering master.
            var wait = delay * (0.75 + (Random.Shared.NextDouble() / 2));
            LogResubscribing(reason, wait.TotalMilliseconds);
            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>Subscribes and reads the stream until it ends. True when SUBSCRIBED was received.</summary>
    private async Task<bool> SubscribeAndReadAsync(Uri master, CancellationToken stoppingToken)
    {
        var frameworkId = FrameworkId;
        var call = new Call
        {
            Type = Call.Types.Type.Subscribe,
            Subscribe = new Call.Types.Subscribe
            {
                FrameworkInfo = BuildFrameworkInfo(frameworkId, _options.WebuiUrl is { Length: > 0 } configured ? configured : await webUi.GetUrlAsync(stoppingToken).ConfigureAwait(false)),
            },
        };
        if (frameworkId is not null)
        {
            call.FrameworkId = frameworkId.Clone();
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        var endpoint = new Uri(master, "api/v1/scheduler");
        HttpResponseMessage? redirected = null;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Encode(call) };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(_options.UseJson ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf));
            redirected = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stoppingToken).ConfigureAwait(false);
            if (redirected.StatusCode != HttpStatusCode.TemporaryRedirect || redirected.Headers.Location is not { } location)
            {
                break;
            }

            // A non-leading master names the leader protocol-relative ("//host:5050/api/v1/scheduler"): go there now,
            // and send every later call to it.
            redirected.Dispose();
            var leader = new Uri(new Uri(endpoint, location).GetLeftPart(UriPartial.Authority) + "/");
            if (hop >= MaxRedirects)
            {
                _redirect = leader;
                throw new MesosCallException($"{endpoint} redirected {MaxRedirects + 1} times; trying the leader {leader} again later", HttpStatusCode.TemporaryRedirect);
            }

            LogRedirected(endpoint, leader);
            master = leader;
            _master = leader;
            endpoint = new Uri(master, "api/v1/scheduler");
        }

        using var response = redirected;

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync(stoppingToken).ConfigureAwait(false);
            throw new MesosCallException($"SUBSCRIBE to {endpoint} answered {(int)response.StatusCode}: {body}", response.StatusCode);
        }

        if (!response.Headers.TryGetValues(MesosMediaTypes.StreamIdHeader, out var ids) || ids.FirstOrDefault() is not { Length: > 0 } streamId)
        {
            throw new MesosCallException($"SUBSCRIBE to {endpoint} answered without a {MesosMediaTypes.StreamIdHeader} header.");
        }

        var json = response.Content.Headers.ContentType?.MediaType == MesosMediaTypes.Json;
        await using var stream = await response.Content.ReadAsStreamAsync(stoppingToken).ConfigureAwait(false);
        await using var reader = new RecordIoReader(stream);

        // Until SUBSCRIBED says otherwise, allow a generous first wait; then several heartbeat intervals.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var silenceAllowed = _options.CallTimeout;
        watchdog.CancelAfter(silenceAllowed);
        var subscribed = false;
        while (await reader.ReadAsync(watchdog.Token).ConfigureAwait(false) is { } record)
        {
            watchdog.CancelAfter(silenceAllowed);
            if (Decode(record, json) is not { } mesosEvent)
            {
                // The framing is intact, so the stream is too: skip the record rather than drop the subscription.
                counters.MalformedEvent();
                continue;
            }

            switch (mesosEvent.Type)
            {
                case Event.Types.Type.Subscribed when mesosEvent.Subscribed?.FrameworkId is { } id:
                    lock (_lock)
                    {
                        _frameworkId = id.Clone();
                        _streamId = streamId;
                    }

                    var interval = HeartbeatInterval(mesosEvent.Subscribed);
                    silenceAllowed = interval * _options.MissedHeartbeatsTolerated;
                    watchdog.CancelAfter(silenceAllowed);
                    subscribed = true;
                    counters.Subscribed();
                    LogSubscribed(id.Value, endpoint, interval.TotalSeconds);
                    await RememberFrameworkIdAsync(id.Value, stoppingToken).ConfigureAwait(false);
                    await sink.OnSubscribedAsync(id, master, stoppingToken).ConfigureAwait(false);
                    break;
                case Event.Types.Type.Error:
                    LogMasterError(mesosEvent.Error?.Message ?? "(no message)");
                    if (mesosEvent.Error?.Message?.Contains("removed", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        // A removed framework id can never subscribe again (MESOS-V1-FACTS §4): start afresh.
                        lock (_lock)
                        {
                            _frameworkId = null;
                        }

                        await RememberFrameworkIdAsync(null, stoppingToken).ConfigureAwait(false);
                    }

                    await sink.OnEventAsync(mesosEvent, stoppingToken).ConfigureAwait(false);
                    break;
                default:
                    await sink.OnEventAsync(mesosEvent, stoppingToken).ConfigureAwait(false);
                    break;
            }
        }

        return subscribed;
    }

    /// <summary>
    /// Sends a call on the current stream: sets the framework id and the stream id header. The master answers 202
    /// when it queued the call; effects arrive later as events.
    /// </summary>
    /// <exception cref="MesosCallException">not subscribed, refused, or the master is unreachable.</exception>
    public async Task SendAsync(Call call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        string streamId;
        FrameworkID frameworkId;
        CancellationToken streamLifetime;
        lock (_lock)
        {
            if (_streamId is null || _frameworkId is null || _master is null)
            {
                throw new MesosCallException($"{call.Type} not sent: not subscribed to a Mesos master.");
            }

            streamId = _streamId;
            frameworkId = _frameworkId;
            streamLifetime = _streamLifetime.Token;
        }

        call.FrameworkId = frameworkId.Clone();
        var endpoint = new Uri(_master, "api/v1/scheduler");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Encode(call) };
        request.Headers.Add(MesosMediaTypes.StreamIdHeader, streamId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, streamLifetime);
        timeout.CancelAfter(_options.CallTimeout);
        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MesosCallException($"{call.Type} to {endpoint} failed: {ex.Message}", null, ex);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.Accepted && response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new MesosCallException($"{call.Type} refused by {endpoint}: {(int)response.StatusCode} {body}", response.StatusCode);
            }
        }
    }

    private async Task LoadFrameworkIdAsync(CancellationToken ct)
    {
        try
        {
            if (await frameworkIds.LoadAsync(ct).ConfigureAwait(false) is { } saved)
            {
                lock (_lock)
                {
                    _frameworkId ??= saved;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without it we subscribe as a new framework: worse after a restart, never fatal.
            LogFrameworkIdStore(ex);
        }
    }

    private async Task RememberFrameworkIdAsync(string? frameworkId, CancellationToken ct)
    {
        try
        {
            await frameworkIds.SaveAsync(frameworkId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFrameworkIdStore(ex);
        }
    }

    /// <summary>
    /// The master's heartbeat interval, or Mesos' 15 s when it sent none or none usable: NaN, an infinity, zero, a
    /// negative or an absurd value made <see cref="TimeSpan.FromSeconds(double)"/> or the watchdog throw, which
    /// stopped the client (and with it the host) for good, or made it give up the stream at once.
    /// </summary>
    private static TimeSpan HeartbeatInterval(Event.Types.Subscribed subscribed)
    {
        var seconds = subscribed.HasHeartbeatIntervalSeconds ? subscribed.HeartbeatIntervalSeconds : 15;
        return double.IsFinite(seconds) && seconds > 0 ? TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromHours(1).TotalSeconds)) : TimeSpan.FromSeconds(15);
    }

    private Event? Decode(byte[] record, bool json)
    {
        try
        {
            return json ? MesosMediaTypes.JsonReader.Parse<Event>(System.Text.Encoding.UTF8.GetString(record)) : Event.Parser.ParseFrom(record);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            LogMalformedEvent(record.Length, ex.Message);
            return null;
        }
    }

    private FrameworkInfo BuildFrameworkInfo(FrameworkID? id, string? webuiUrl)
    {
        var info = new FrameworkInfo
        {
            User = _options.User,
            Name = _options.FrameworkName,
            FailoverTimeout = _options.FailoverTimeoutSeconds,
            Checkpoint = _options.Checkpoint,
            Hostname = string.IsNullOrWhiteSpace(_options.Hostname) ? System.Environment.MachineName : _options.Hostname,
            Roles = { _options.EffectiveRoles },
            Capabilities =
            {
                new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.MultiRole },
                new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.PartitionAware },
                new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.TaskKillingState },
            },
        };
        if (_options.Principal is { Length: > 0 } principal)
        {
            info.Principal = principal;
        }

        if (webuiUrl is { Length: > 0 })
        {
            info.WebuiUrl = webuiUrl;
        }

        if (id is not null)
        {
            info.Id = id.Clone();
        }

        return info;
    }

    private ByteArrayContent Encode(Call call)
    {
        // Mesos compares the whole Content-Type header: no charset parameter (MESOS-V1-FACTS §1).
        var content = _options.UseJson
            ? new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(MesosJsonWriter.Format(call, spellDefaults: false)))
            : new ByteArrayContent(call.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(_options.UseJson ? MesosMediaTypes.Json : MesosMediaTypes.Protobuf);
        return content;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Endpoint} is not the leading master; following its redirect to {Leader}")]
    private partial void LogRedirected(Uri endpoint, Uri leader);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to Mesos master {Endpoint} as framework {FrameworkId} (heartbeat every {HeartbeatSeconds} s)")]
    private partial void LogSubscribed(string frameworkId, Uri endpoint, double heartbeatSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mesos event stream lost ({Reason}); resubscribing in {DelayMs:F0} ms")]
    private partial void LogResubscribing(string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a malformed event record of {Length} bytes from the master: {Error}")]
    private partial void LogMalformedEvent(int length, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read or write the saved framework id")]
    private partial void LogFrameworkIdStore(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mesos master sent ERROR: {Message}")]
    private partial void LogMasterError(string message);
}
