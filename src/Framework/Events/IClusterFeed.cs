using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Events;

/// <summary>
/// The live cluster picture: a current snapshot plus a stream of changes per subscriber. Thread-safe.
/// </summary>
public interface IClusterFeed
{
    /// <summary>The latest snapshot; cheap to read, immutable.</summary>
    ClusterSnapshot Current { get; }

    /// <summary>
    /// Starts a subscription: <see cref="ClusterSubscription.Initial"/> plus every later change in order.
    /// The caller owns it and must dispose it (a component in <c>DisposeAsync</c>, a hub stream on cancellation).
    /// </summary>
    ClusterSubscription Subscribe();
}
