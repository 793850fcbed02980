using System.Text.Json;
using CsCheck;
using k8s.Models;
using KubeMesos.Framework.Store;

namespace KubeMesos.Tests.Unit.Framework.Store;

/// <summary>
/// The spec digest lets an update skip the stored JSON only when that is safe: equal digests never hide a spec change,
/// and a change of metadata or status alone never changes the digest.
/// </summary>
public sealed class SpecDigestTests
{
    private static readonly Gen<V1Pod> s_pod =
        Gen.Select(Gen.OneOf("nginx", "nginx:2", "redis"), Gen.OneOf<string?>(null, "agent-1", "agent-2"), Gen.Int[0, 3], Gen.OneOf("Pending", "Running"), Gen.Bool)
            .Select((image, node, selectors, phase, reversed) =>
            {
                var pairs = Enumerable.Range(0, selectors).Select(i => ($"k{i}", "v")).ToList();
                if (reversed)
                {
                    pairs.Reverse();
                }

                return new V1Pod
                {
                    Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["phase"] = phase } },
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "main", Image = image }],
                        NodeName = node,
                        NodeSelector = selectors == 0 ? null : pairs.ToDictionary(p => p.Item1, p => p.Item2),
                    },
                    Status = new V1PodStatus { Phase = phase },
                };
            });

    [Fact]
    public void EqualDigests_MeanNoSpecChange_AndMetadataOrStatusAloneKeepTheDigest() =>
        Gen.Select(s_pod, s_pod).Sample((a, b) =>
        {
            var (jsonA, jsonB) = (ObjectCodec.SerializeUtf8(a), ObjectCodec.SerializeUtf8(b));
            using var docA = JsonDocument.Parse(jsonA);
            using var docB = JsonDocument.Parse(jsonB);
            var changed = ObjectCodec.SpecChanged(docA.RootElement, docB.RootElement);

            if (ObjectCodec.SpecDigest(jsonA) == ObjectCodec.SpecDigest(jsonB))
            {
                Assert.False(changed);
            }

            // b's metadata and status on a's spec: the same digest as a.
            var sameSpec = new V1Pod { Metadata = b.Metadata, Spec = a.Spec, Status = b.Status };
            Assert.Equal(ObjectCodec.SpecDigest(jsonA), ObjectCodec.SpecDigest(ObjectCodec.SerializeUtf8(sameSpec)));
        });

    [Fact]
    public void Digest_ChangesWithTheSpec() =>
        s_pod.Sample(pod =>
        {
            var before = ObjectCodec.SpecDigest(ObjectCodec.SerializeUtf8(pod));

            pod.Spec.NodeName = "agent-9";

            Assert.NotEqual(before, ObjectCodec.SpecDigest(ObjectCodec.SerializeUtf8(pod)));
        });
}
