namespace KubeMesos.Dashboard.Model;

/// <summary>
/// A once-a-second tick that only re-renders (relative ages such as "3s ago" move on); it reads nothing.
/// Owned and disposed by one component.
/// </summary>
public sealed class UiClock : IDisposable
{
    private readonly ITimer _timer;

    public UiClock(TimeProvider timeProvider, Func<Task> tick, TimeSpan? period = null)
    {
        var interval = period ?? TimeSpan.FromSeconds(1);
        _timer = timeProvider.CreateTimer(_ => _ = tick(), null, interval, interval);
    }

    public void Dispose() => _timer.Dispose();
}
