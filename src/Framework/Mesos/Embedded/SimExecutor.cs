using Google.Protobuf;
using Mesos.V1;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// An executor of one framework on one agent. Explicit executors (LAUNCH_GROUP, or LAUNCH with an ExecutorInfo) are
/// charged their own resources once and end with a FAILURE event when their last task ends; the command executor of a
/// plain LAUNCH is implicit (Mesos charges and reports it separately; we do not).
/// </summary>
internal sealed class SimExecutor(ExecutorInfo info, SimFramework framework, SimAgent agent, ResourceBag resources, bool isExplicit)
{
    /// <summary>
    /// The ExecutorInfo it was launched with, decoded at each read: only the operator API reads it, and the master keeps
    /// it as its bytes alone (one executor a pod under the default executor).
    /// </summary>
    public ExecutorInfo Info => ExecutorInfo.Parser.ParseFrom(EncodedInfo);

    /// <summary>The ExecutorInfo as protobuf, as the checkpoint stores it (it never changes).</summary>
    public byte[] EncodedInfo { get; } = info.ToByteArray();

    public ExecutorID Id { get; } = info.ExecutorId;
    public SimFramework Framework { get; } = framework;
    public SimAgent Agent { get; } = agent;
    public ResourceBag Resources { get; } = resources;
    public bool IsExplicit { get; } = isExplicit;
    public HashSet<SimTask> LiveTasks { get; } = [];
}
