using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Requests, limits, capacity: a map of quantities in one converter call (<see cref="MapConverter{TValue}"/>), through
/// <see cref="SharedQuantityConverter"/>.
/// </summary>
internal sealed class QuantityMapConverter : MapConverter<ResourceQuantity>
{
    private static readonly SharedQuantityConverter Quantities = new();

    protected override ResourceQuantity ReadValue(ref Utf8JsonReader reader, JsonConverter<string> strings, JsonSerializerOptions options) =>
        Quantities.Read(ref reader, typeof(ResourceQuantity), options)!;

    protected override void WriteValue(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options) =>
        Quantities.Write(writer, value, options);
}
