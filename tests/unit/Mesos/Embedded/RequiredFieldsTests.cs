using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using KubeMesos.Framework.Mesos.Embedded;

namespace KubeMesos.Tests.Unit.Mesos.Embedded;

/// <summary>RequiredFields answers what Google.Protobuf's IsInitialized() answers, for every vector and for every way of losing one field.</summary>
public sealed class RequiredFieldsTests
{
    public static TheoryData<string> AllVectors => new(Vectors.Names);

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void AgreesWithIsInitialized_ForTheVector_AndForEachFieldCleared(string name)
    {
        var vector = Vectors.ParserFor(name).ParseFrom(Vectors.Bin(name));
        Assert.True(RequiredFields.AreSet(vector));
        var variants = 0;
        foreach (var path in FieldPaths(vector, []))
        {
            var copy = vector.Descriptor.Parser.ParseFrom(vector.ToByteString());
            Clear(copy, path);
            variants++;
            Assert.Equal(copy.IsInitialized(), RequiredFields.AreSet(copy));
        }

        Assert.True(variants > 0);
    }

    [Fact]
    public void AnAcknowledge_WithoutItsTaskIdsValue_IsIncomplete()
    {
        var call = Vectors.CallVector("call-acknowledge");
        call.Acknowledge.TaskId.ClearValue();

        Assert.False(RequiredFields.AreSet(call));
        Assert.False(call.IsInitialized());
    }

    /// <summary>Each set field of the message and of the messages in it, as a path of (field, index in a repeated field).</summary>
    private static IEnumerable<(FieldDescriptor Field, int Index)[]> FieldPaths(IMessage message, (FieldDescriptor, int)[] prefix)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.IsMap)
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var items = (IList)field.Accessor.GetValue(message);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is IMessage item)
                    {
                        foreach (var path in FieldPaths(item, [.. prefix, (field, i)]))
                        {
                            yield return path;
                        }
                    }
                }
            }
            else if (field.Accessor.HasValue(message))
            {
                yield return [.. prefix, (field, -1)];
                if (field.Accessor.GetValue(message) is IMessage nested)
                {
                    foreach (var path in FieldPaths(nested, [.. prefix, (field, -1)]))
                    {
                        yield return path;
                    }
                }
            }
        }
    }

    private static void Clear(IMessage message, (FieldDescriptor Field, int Index)[] path)
    {
        for (var i = 0; i < path.Length - 1; i++)
        {
            var (field, index) = path[i];
            message = (IMessage)(index >= 0 ? ((IList)field.Accessor.GetValue(message))[index]! : field.Accessor.GetValue(message));
        }

        path[^1].Field.Accessor.Clear(message);
    }
}
