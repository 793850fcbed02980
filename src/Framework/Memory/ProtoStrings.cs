using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KubeMesos.Framework.Memory;

/// <summary>
/// Makes a decoded protobuf message (and the messages in it) hold the <see cref="StringTable"/>'s instances of its
/// strings. Protobuf decodes a new string for every role, resource name, label key and id in every message; the master
/// keeps each task's TaskInfo and the scheduler each offer's resources, so 10,000 tasks held 55,000 copies of
/// "kubemesos" and 11,000 of the framework id. For messages that are kept; a transient one is not worth the walk.
/// </summary>
public static class ProtoStrings
{
    public static void Share(IMessage message, StringTable table)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(table);
        // Indexed loops: an offer is walked as it arrives, and foreach over these lists boxes an enumerator each time.
        var fields = message.Descriptor.Fields.InFieldNumberOrder();
        for (var f = 0; f < fields.Count; f++)
        {
            var field = fields[f];
            if (field.IsMap)
            {
                continue;
            }

            var accessor = field.Accessor;
            switch (field.FieldType)
            {
                case FieldType.String when field.IsRepeated:
                    var strings = (IList<string>)accessor.GetValue(message);
                    for (var i = 0; i < strings.Count; i++)
                    {
                        strings[i] = table.Get(strings[i]);
                    }

                    break;
                case FieldType.String:
                    // Only a set field: setting an unset one would mark it present (proto2 optional fields).
                    if (field.HasPresence ? accessor.HasValue(message) : ((string)accessor.GetValue(message)).Length > 0)
                    {
                        accessor.SetValue(message, table.Get((string)accessor.GetValue(message)));
                    }

                    break;
                case FieldType.Message or FieldType.Group when field.IsRepeated:
                    var items = (System.Collections.IList)accessor.GetValue(message);
                    for (var i = 0; i < items.Count; i++)
                    {
                        Share((IMessage)items[i]!, table);
                    }

                    break;
                case FieldType.Message or FieldType.Group:
                    if (accessor.GetValue(message) is IMessage nested)
                    {
                        Share(nested, table);
                    }

                    break;
            }
        }
    }
}
