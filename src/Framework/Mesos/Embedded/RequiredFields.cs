using System.Collections;
using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>
/// Whether every proto2 <c>required</c> field of a message and of the messages in it is set: what Google.Protobuf's
/// <c>IsInitialized()</c> answers (and the C++ parser checks before Mesos looks at a call), without walking the
/// fields that cannot hold a required one. The master checks every call, twenty thousand ACKNOWLEDGEs in a burst of
/// ten thousand pods, and <c>IsInitialized()</c> visits every field with LINQ over boxed enumerators each time.
/// </summary>
internal static class RequiredFields
{
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor[]> s_checked = new();

    public static bool AreSet(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var field in ToCheck(message.Descriptor))
        {
            var accessor = field.Accessor;
            if (field.IsMap)
            {
                foreach (var value in ((IDictionary)accessor.GetValue(message)).Values)
                {
                    if (!AreSet((IMessage)value))
                    {
                        return false;
                    }
                }
            }
            else if (field.IsRepeated)
            {
                var items = (IList)accessor.GetValue(message);
                for (var i = 0; i < items.Count; i++)
                {
                    if (!AreSet((IMessage)items[i]!))
                    {
                        return false;
                    }
                }
            }
            else if (field.FieldType is FieldType.Message or FieldType.Group)
            {
                if (accessor.HasValue(message) ? !AreSet((IMessage)accessor.GetValue(message)) : field.IsRequired)
                {
                    return false;
                }
            }
            else if (!accessor.HasValue(message))
            {
                // A required scalar (only those are kept, see ToCheck).
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The fields of <paramref name="type"/> that can fail the check: required ones, and message fields (repeated,
    /// or map values) whose type can hold a required field somewhere below.
    /// </summary>
    private static FieldDescriptor[] ToCheck(MessageDescriptor type) =>
        s_checked.GetOrAdd(type, static t =>
            [.. t.Fields.InDeclarationOrder().Where(f => f.IsRequired || (MessageOf(f) is { } m && CanHoldRequired(m, [])))]);

    /// <summary>The message type a field holds: its own, or a map's value type; null for scalars.</summary>
    private static MessageDescriptor? MessageOf(FieldDescriptor field) =>
        field.IsMap ? MessageOf(field.MessageType.FindFieldByNumber(2))
        : field.FieldType is FieldType.Message or FieldType.Group ? field.MessageType
        : null;

    private static bool CanHoldRequired(MessageDescriptor type, HashSet<MessageDescriptor> visiting)
    {
        if (!visiting.Add(type))
        {
            // A cycle adds nothing the types on it do not already have.
            return false;
        }

        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (field.IsRequired || (MessageOf(field) is { } nested && CanHoldRequired(nested, visiting)))
            {
                return true;
            }
        }

        return false;
    }
}
