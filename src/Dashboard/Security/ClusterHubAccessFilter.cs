using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// The hub's half of <see cref="ClusterAccess"/>: connecting already needed a signed-in viewer or operator (the
/// endpoint's policy); a hub method needs an operator unless it is marked <see cref="ReadOnlyHubMethodAttribute"/>, so a
/// method added later that changes something is closed to viewers without a line of its own.
/// </summary>
internal sealed class ClusterHubAccessFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.HubMethod.GetCustomAttribute<ReadOnlyHubMethodAttribute>() is null && !ClusterAccess.MayChange(invocationContext.Context.User!))
        {
            throw new HubException(
                $"forbidden: User \"{invocationContext.Context.User?.Identity?.Name}\" cannot call {invocationContext.HubMethodName}: changes need the {ClusterRoles.Operator} role");
        }

        return next(invocationContext);
    }
}

/// <summary>A hub method that only reads: a viewer may call it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyHubMethodAttribute : Attribute;

/// <summary>
/// Counts one connection's open streams, so a client cannot open subscriptions without end
/// (<see cref="HubLimitsOptions.MaxStreamsPerConnection"/>). Take one at the start of a streaming method, dispose it at the end.
/// </summary>
public static class HubStreamSlots
{
    private static readonly object CountKey = new();

    public static IDisposable Acquire(HubCallerContext context, int max)
    {
        var count = (StrongBox)context.Items.GetOrAdd(CountKey, _ => new StrongBox());
        if (Interlocked.Increment(ref count.Value) > max)
        {
            Interlocked.Decrement(ref count.Value);
            throw new HubException($"too many streams: a connection may have {max} open at once");
        }

        return new Slot(count);
    }

    private static object GetOrAdd(this IDictionary<object, object?> items, object key, Func<object, object> create)
    {
        lock (items)
        {
            if (!items.TryGetValue(key, out var value) || value is null)
            {
                value = create(key);
                items[key] = value;
            }

            return value;
        }
    }

    private sealed class StrongBox
    {
        public int Value;
    }

    private sealed class Slot(StrongBox count) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref count.Value);
            }
        }
    }
}
