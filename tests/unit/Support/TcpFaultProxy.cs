using System.Net;
using System.Net.Sockets;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>
/// A loopback TCP forwarder between the framework and its master that can cut every connection (a dropped link)
/// or silently stop forwarding (a partition: connections stay open, nothing arrives). Real sockets, real faults.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Task<Uri>> _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _connections = [];
    private volatile TaskCompletionSource _flowing = CompletedGate();
    private readonly Task _acceptLoop;

    public TcpFaultProxy(Func<Task<Uri>> target)
    {
        _target = target;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Closes every open connection at once.</summary>
    public void DropAll()
    {
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                connection.Close();
            }

            _connections.Clear();
        }
    }

    /// <summary>Stops forwarding bytes (and accepting new traffic) until <see cref="Resume"/>.</summary>
    public void Pause() => _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Resume() => _flowing.TrySetResult();

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(inbound));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient inbound)
    {
        var target = await _target();
        var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(target.Host, target.Port, _stop.Token);
            lock (_lock)
            {
                _connections.Add(inbound);
                _connections.Add(outbound);
            }

            await Task.WhenAny(PumpAsync(inbound, outbound), PumpAsync(outbound, inbound));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            inbound.Close();
            outbound.Close();
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        var source = from.GetStream();
        var sink = to.GetStream();
        while (true)
        {
            var read = await source.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            await _flowing.Task.WaitAsync(_stop.Token);
            await sink.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        await _acceptLoop;
        _stop.Dispose();
    }
}
