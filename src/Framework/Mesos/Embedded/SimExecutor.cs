using Google.Protobuf;
using KubeMesos.Framework.Memory;
using Mesos.V1;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// An executor of one framework on one agent. Explicit executors (LAUNCH_GROUP, or LAUNCH with an ExecutorInfo) are
/// charged their own resources once and end with a FAILURE event when their last task ends; the command executor of a
/// plain LAUNCH is implicit (Mesos charges and reports it separately; we do not).
/// </summary>
internal sealed class SimExecutor(ExecutorInfo info, SimFramework framework, SimAgent agent, ResourceBag resources, bool isExplicit)
{
    // Kept as long as the executor lives: its strings shared with every other executor's.
    public ExecutorInfo Info { get; } = Shared(info);
    public ExecutorID Id => Info.ExecutorId;
    public SimFramework Framework { get; } = framework;
    public SimAgent Agent { get; } = agent;
    public ResourceBag Resources { get; } = resources;
    public bool IsExplicit { get; } = isExplicit;
    public HashSet<SimTask> LiveTasks { get; } = [];

    /// <summary>The ExecutorInfo as protobuf, as the checkpoint stores it: encoded once (it never changes), and kept as bytes, not base64 text (3/8 of the memory).</summary>
    public byte[] EncodedInfo => _encodedInfo ??= Info.ToByteArray();

    private byte[]? _encodedInfo;

    private static ExecutorInfo Shared(ExecutorInfo info)
    {
        ProtoStrings.Share(info, StringTable.Shared);
        return info;
    }
}
