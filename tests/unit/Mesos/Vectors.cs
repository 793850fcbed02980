using Google.Protobuf;
using Mesos.V1.Scheduler;

namespace KubeMesos.Tests.Unit.Mesos;

/// <summary>Access to the conformance vectors copied next to the test assembly (see Vectors/README.md).</summary>
internal static class Vectors
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Mesos", "Vectors");

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory, "*.bin").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static byte[] Bin(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".bin"));

    public static string Text(string file) => File.ReadAllText(Path.Combine(Directory, file));

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));

    public static MessageParser ParserFor(string name) =>
        name.StartsWith("call-", StringComparison.Ordinal) ? global::Mesos.V1.Scheduler.Call.Parser
        : name.StartsWith("event-", StringComparison.Ordinal) ? Event.Parser
        : throw new ArgumentException($"Vector {name} is neither call- nor event-.", nameof(name));

    public static Event EventVector(string name) => global::Mesos.V1.Scheduler.Event.Parser.ParseFrom(Bin(name));

    public static Call CallVector(string name) => global::Mesos.V1.Scheduler.Call.Parser.ParseFrom(Bin(name));
}
