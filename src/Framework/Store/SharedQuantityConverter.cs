using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using KubeMesos.Framework.Memory;

namespace KubeMesos.Framework.Store;

/// <summary>
/// KubernetesClient's quantity converter, remembering its work: a quantity is parsed from its text (fractions, suffix
/// tables) at every decode and canonicalized (fraction powers, LINQ over the suffixes) at every encode, and a pod's
/// few requests and limits are decoded and encoded again at every change of the pod. The same text reads as one shared
/// instance (a quantity cannot be changed, only replaced) and the same value writes its remembered text; anything
/// else, and everything past <see cref="Remembered"/> distinct quantities, goes KubernetesClient's way.
/// </summary>
internal sealed class SharedQuantityConverter : JsonConverter<ResourceQuantity>
{
    internal const int Remembered = 1024;

    private static readonly PooledStringConverter Strings = new(StringTable.Shared);
    private static readonly ConcurrentDictionary<string, ResourceQuantity> Parsed = new(StringComparer.Ordinal);
    // Keyed by format too: a quantity's equality compares values only, and 0.85 ("850m") equals 85E-2 ("850e-3").
    private static readonly ConcurrentDictionary<(ResourceQuantity.SuffixFormat, ResourceQuantity), string> Canonical = new();

    public override ResourceQuantity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                // As KubernetesClient reads a number.
                return reader.TryGetDouble(out var number) ? new ResourceQuantity(Convert.ToString(number, CultureInfo.CurrentCulture)) : reader.GetDecimal();
            default:
                var text = Strings.Read(ref reader, typeof(string), options)!;
                if (Parsed.TryGetValue(text, out var known))
                {
                    return known;
                }

                // GetOrAdd, not TryAdd: two decodes of a new text at once must both return the one instance kept.
                return Parsed.Count < Remembered ? Parsed.GetOrAdd(text, static t => new ResourceQuantity(t)) : new ResourceQuantity(text);
        }
    }

    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!Canonical.TryGetValue((value.Format, value), out var text))
        {
            text = value.ToString();
            if (Canonical.Count < Remembered)
            {
                Canonical.TryAdd((value.Format, value), text);
            }
        }

        writer.WriteStringValue(text);
    }
}
