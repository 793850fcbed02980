namespace KubeMesos.Shared.Mesos;

/// <summary>A RecordIO stream that does not follow <c>&lt;decimal length&gt;\n&lt;bytes&gt;</c>: the stream cannot be resynchronised after it.</summary>
public sealed class RecordIoFormatException(string message) : Exception(message);
