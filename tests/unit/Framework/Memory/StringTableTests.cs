using CsCheck;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Memory;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Memory;

/// <summary>
/// The store's decoding shares one instance of each short string it decodes again and again (<see cref="StringTable"/>),
/// and decodes every text as KubernetesClient's own decoding does.
/// </summary>
[Collection(SharedStringTableCollection.Name)]
public sealed class StringTableTests
{
    [Fact]
    public void Get_EqualText_OneInstance_LongTextNotKept()
    {
        var table = new StringTable(slots: 16);
        var first = table.Get("kubemesos.io/task-state".AsSpan());
        Assert.Same(first, table.Get("kubemesos.io/task-state".ToCharArray()));

        var longText = new string('x', StringTable.MaxLength + 1);
        Assert.Equal(longText, table.Get(longText.AsSpan()));
        Assert.NotSame(table.Get(longText.AsSpan()), table.Get(longText.AsSpan()));
        Assert.Same(string.Empty, table.Get([]));
    }

    [Fact]
    public void Get_AStringTakesTheSlotOfAnother_BothStillComeBackEqual()
    {
        // One slot: every new text replaces the last, and each lookup still returns the text asked for.
        var table = new StringTable(slots: 1);
        Assert.Equal("app", table.Get("app".AsSpan()));
        Assert.Equal("tier", table.Get("tier".AsSpan()));
        var tier = table.Get("tier".AsSpan());
        Assert.Same(tier, table.Get("tier".AsSpan()));
        Assert.Equal("app", table.Get("app".AsSpan()));
        Assert.NotSame(tier, table.Get("tier".AsSpan()));
    }

    [Fact]
    public void Decode_TwoPods_ShareTheirRepeatedStrings_NotTheirNames()
    {
        var a = ObjectCodec.Deserialize<V1Pod>(ObjectCodec.SerializeUtf8(Pod("web-1")));
        var b = ObjectCodec.Deserialize<V1Pod>(ObjectCodec.SerializeUtf8(Pod("web-2")));

        Assert.Same(a.Metadata.NamespaceProperty, b.Metadata.NamespaceProperty);
        Assert.Same(a.Metadata.Labels.Keys.Single(), b.Metadata.Labels.Keys.Single());
        Assert.Same(a.Metadata.Labels["app"], b.Metadata.Labels["app"]);
        Assert.Same(a.Spec.Containers[0].Image, b.Spec.Containers[0].Image);
        Assert.Equal(["web-1", "web-2"], new[] { a.Metadata.Name, b.Metadata.Name });
    }

    [Fact]
    public void Decode_AnyLabelText_IsWhatKubernetesClientDecodes() =>
        Gen.Select(Gen.String, Gen.String).Array[0, 4].Sample(labels =>
        {
            var pod = Pod("p");
            pod.Metadata.Labels = labels.DistinctBy(l => l.Item1).ToDictionary(l => l.Item1, l => l.Item2);
            pod.Metadata.Annotations = new Dictionary<string, string> { ["note"] = string.Concat(labels.Select(l => l.Item2)) };
            var json = KubernetesJson.Serialize(pod);

            var expected = KubernetesJson.Deserialize<V1Pod>(json);
            var decoded = ObjectCodec.Deserialize<V1Pod>(System.Text.Encoding.UTF8.GetBytes(json));

            Assert.Equal(expected.Metadata.Labels, decoded.Metadata.Labels);
            Assert.Equal(expected.Metadata.Annotations, decoded.Metadata.Annotations);
            Assert.Equal(KubernetesJson.Serialize(expected), KubernetesJson.Serialize(decoded));
        });

    [Fact]
    public void Decode_EscapedAndNonAsciiText_IsTheText()
    {
        const string json = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a\u0062":"caf\u00e9","ünï":"\ud83d\ude00 line\nbreak"}}}""";
        var decoded = ObjectCodec.Deserialize<V1Pod>(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal("café", decoded.Metadata.Labels["ab"]);
        Assert.Equal("😀 line\nbreak", decoded.Metadata.Labels["ünï"]);
    }

    private static V1Pod Pod(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
    };
}

/// <summary>
/// The decoding tests read <see cref="StringTable.Shared"/>, which every other test's decoding writes to: a string
/// of a test running at the same time can take the slot of "web" between two decodes (it did in CI), so these run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedStringTableCollection
{
    public const string Name = "Shared string table";
}
