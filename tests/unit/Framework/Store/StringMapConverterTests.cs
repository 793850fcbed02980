using System.Text;
using System.Text.Json;
using CsCheck;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

/// <summary>
/// The store's string maps (labels, annotations, selectors) read and write exactly what KubernetesClient's own map
/// converter reads and writes, whatever the keys and values: escapes, non-ASCII, nulls, repeated keys.
/// </summary>
public sealed class StringMapConverterTests
{
    private static readonly string[] s_markers = ["app", "tier", "kubernetes.io/name", "a\"b", "<script>", "é", "日本", "tab\there", "line\nbreak"];

    private static readonly Gen<string> s_text = Gen.OneOf(
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789./-"], 0, 20],
        Gen.String[Gen.Char, 0, 12],
        Gen.Int[0, 8].Select(i => s_markers[i]));

    private static readonly Gen<Dictionary<string, string>> s_map =
        Gen.Dictionary(s_text, Gen.Frequency((4, s_text), (1, Gen.Const((string)null!))))[0, 6];

    private static V1Pod Pod(IDictionary<string, string>? labels, IDictionary<string, string>? annotations, IDictionary<string, string>? selector) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", Labels = labels, Annotations = annotations },
        Spec = new V1PodSpec { NodeSelector = selector, Containers = [new V1Container { Name = "main", Image = "nginx" }] },
    };

    [Fact]
    public void Encode_WritesWhatKubernetesClientWrites() =>
        Gen.Select(s_map, s_map, s_map).Sample((labels, annotations, selector) =>
        {
            var pod = Pod(labels, annotations.Count == 0 ? null : annotations, selector);

            Assert.Equal(KubernetesJson.Serialize(pod), Encoding.UTF8.GetString(KubernetesUtf8Json.Serialize(pod)));
        });

    [Fact]
    public void Decode_ReadsWhatKubernetesClientReads() =>
        Gen.Select(s_map, s_map, s_map).Sample((labels, annotations, selector) =>
        {
            var json = KubernetesJson.Serialize(Pod(labels, annotations, selector));
            var expected = KubernetesJson.Deserialize<V1Pod>(json);

            var decoded = ObjectCodec.Deserialize<V1Pod>(Encoding.UTF8.GetBytes(json));

            Assert.Equal(expected.Metadata.Labels, decoded.Metadata.Labels);
            Assert.Equal(expected.Metadata.Annotations, decoded.Metadata.Annotations);
            Assert.Equal(expected.Spec.NodeSelector, decoded.Spec.NodeSelector);
            Assert.IsType<Dictionary<string, string>>(decoded.Metadata.Labels);
        });

    [Theory]
    [InlineData("{\"metadata\":{\"labels\":{\"a\":\"1\",\"a\":\"2\"}}}")]
    [InlineData("{\"metadata\":{\"labels\":{},\"annotations\":null}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"a\":null,\"b\\u0022\":\"\\u00e9\\n\"}}}")]
    [InlineData("{\"metadata\":{\"labels\":{\"a\":\"1\"}},\"spec\":{\"nodeSelector\":{\"disk\":\"ssd\"},\"containers\":[]}}")]
    public void Maps_ReadAndWriteAsKubernetesClientDoes(string json)
    {
        var expected = KubernetesJson.Deserialize<V1Pod>(json);

        var decoded = ObjectCodec.Deserialize<V1Pod>(Encoding.UTF8.GetBytes(json));

        Assert.Equal(KubernetesJson.Serialize(expected), KubernetesJson.Serialize(decoded));
        Assert.Equal(KubernetesJson.Serialize(expected), Encoding.UTF8.GetString(KubernetesUtf8Json.Serialize(decoded)));
    }

    [Theory]
    [InlineData("{\"metadata\":{\"labels\":{\"a\":1}}}")]
    [InlineData("{\"metadata\":{\"labels\":[\"a\"]}}")]
    public void NotAMapOfStrings_IsAJsonError_AsForKubernetesClient(string json)
    {
        Assert.ThrowsAny<JsonException>(() => KubernetesJson.Deserialize<V1Pod>(json));

        Assert.ThrowsAny<JsonException>(() => ObjectCodec.Deserialize<V1Pod>(Encoding.UTF8.GetBytes(json)));
    }
}
