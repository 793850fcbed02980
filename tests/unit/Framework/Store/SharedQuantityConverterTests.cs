using System.Text;
using CsCheck;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

/// <summary>
/// The store's quantities (one instance per text, canonical texts remembered) read and write exactly what
/// KubernetesClient's converter reads and writes, whatever the number, suffix or repetition.
/// </summary>
public sealed class SharedQuantityConverterTests
{
    private static readonly string[] s_suffixes = ["", "m", "k", "M", "G", "Ki", "Mi", "Gi", "Ti", "e3", "E-2", "n", "u"];

    private static readonly Gen<string> s_quantity =
        Gen.Select(Gen.Int[0, 5000], Gen.Int[0, 3], Gen.Int[0, s_suffixes.Length - 1])
            .Select((whole, decimals, suffix) => $"{whole}{(decimals == 0 ? "" : "." + new string('5', decimals))}{s_suffixes[suffix]}");

    private static V1ResourceRequirements Requirements(string cpu, string memory) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) },
        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) },
    };

    [Fact]
    public void Encode_WritesWhatKubernetesClientWrites_AgainAndAgain() =>
        Gen.Select(s_quantity, s_quantity).Sample((cpu, memory) =>
        {
            var requirements = Requirements(cpu, memory);
            var expected = KubernetesJson.Serialize(requirements);

            Assert.Equal(expected, Encoding.UTF8.GetString(KubernetesUtf8Json.Serialize(requirements)));
            Assert.Equal(expected, Encoding.UTF8.GetString(KubernetesUtf8Json.Serialize(Requirements(cpu, memory))));
        });

    [Fact]
    public void Decode_ReadsWhatKubernetesClientReads_OneInstancePerText() =>
        Gen.Select(s_quantity, s_quantity).Sample((cpu, memory) =>
        {
            var json = Encoding.UTF8.GetBytes(KubernetesJson.Serialize(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "a", Resources = Requirements(cpu, memory) }, new V1Container { Name = "b", Resources = Requirements(cpu, memory) }],
            } }));
            var expected = KubernetesJson.Deserialize<V1Pod>(Encoding.UTF8.GetString(json));

            var decoded = ObjectCodec.Deserialize<V1Pod>(json);

            var (a, b) = (decoded.Spec.Containers[0].Resources.Requests, decoded.Spec.Containers[1].Resources.Requests);
            Assert.Equal(expected.Spec.Containers[0].Resources.Requests["cpu"], a["cpu"]);
            Assert.Equal(expected.Spec.Containers[0].Resources.Requests["memory"], a["memory"]);
            Assert.Same(a["cpu"], b["cpu"]);
            Assert.Equal(expected.Spec.Containers[0].Resources.Requests["memory"].ToString(), b["memory"].ToString());
        });

    [Theory]
    [InlineData("0.85", "85E-2")]
    [InlineData("1500", "1.5e3")]
    [InlineData("1Ki", "1024")]
    public void Encode_EqualValuesOfAnotherFormat_WriteTheirOwnText(string first, string second)
    {
        // Quantities are equal by value alone: the remembered text of one must not be written for the other (the
        // property test above found 85E-2 written as "850m").
        _ = KubernetesUtf8Json.Serialize(new ResourceQuantity(first));

        Assert.Equal(KubernetesJson.Serialize(new ResourceQuantity(second)), Encoding.UTF8.GetString(KubernetesUtf8Json.Serialize(new ResourceQuantity(second))));
    }

    [Fact]
    public void Decode_NumbersAndNull_AsKubernetesClientReadsThem()
    {
        var json = "{\"requests\":{\"cpu\":0.5,\"memory\":1073741824},\"limits\":{\"cpu\":null}}"u8.ToArray();
        var expected = KubernetesJson.Deserialize<V1ResourceRequirements>(Encoding.UTF8.GetString(json));

        var decoded = ObjectCodec.Deserialize<V1ResourceRequirements>(json);

        Assert.Equal(expected.Requests["cpu"], decoded.Requests["cpu"]);
        Assert.Equal(expected.Requests["memory"], decoded.Requests["memory"]);
        Assert.Null(decoded.Limits["cpu"]);
    }

    [Theory]
    [InlineData("{\"requests\":{},\"limits\":null}")]
    [InlineData("{\"requests\":{\"cpu\":\"1\",\"cpu\":\"2\"}}")]
    [InlineData("{\"requests\":{\"cpu\":null,\"memory\":\"1Gi\"},\"limits\":{\"nvidia.com/gpu\":1}}")]
    public void Maps_ReadAndWriteAsKubernetesClientDoes(string json)
    {
        var expected = KubernetesJson.Deserialize<V1ResourceRequirements>(json);

        var decoded = ObjectCodec.Deserialize<V1ResourceRequirements>(Encoding.UTF8.GetBytes(json));

        Assert.Equal(KubernetesJson.Serialize(expected), KubernetesJson.Serialize(decoded));
        Assert.Equal(KubernetesJson.Serialize(expected), Encoding.UTF8.GetString(KubernetesUtf8Json.Serialize(decoded)));
    }

    [Theory]
    [InlineData("{\"requests\":\"1\"}")]
    [InlineData("{\"requests\":[\"1\"]}")]
    [InlineData("{\"requests\":{\"cpu\":{}}}")]
    public void Maps_OfTheWrongShape_FailAsKubernetesClientFails_OnlyTheWordingDiffers(string json)
    {
        var expected = Record.Exception(() => KubernetesJson.Deserialize<V1ResourceRequirements>(json));

        var actual = Record.Exception(() => ObjectCodec.Deserialize<V1ResourceRequirements>(Encoding.UTF8.GetBytes(json)));

        Assert.NotNull(expected);
        Assert.Equal(expected.GetType(), actual?.GetType());
    }

    [Fact]
    public void Decode_InvalidQuantity_FailsAsKubernetesClientFails()
    {
        var json = "{\"requests\":{\"cpu\":\"12q\"}}";
        var expected = Record.Exception(() => KubernetesJson.Deserialize<V1ResourceRequirements>(json));

        var actual = Record.Exception(() => ObjectCodec.Deserialize<V1ResourceRequirements>(Encoding.UTF8.GetBytes(json)));

        Assert.NotNull(expected);
        Assert.Equal(expected.GetType(), actual?.GetType());
    }
}
