using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace KubeMesos.Framework.Store;

/// <summary>
/// <see cref="KubernetesJson.Serialize(object, JsonSerializerOptions)"/>'s output as UTF-8, with KubernetesClient's own
/// options (and quantities and string maps through <see cref="SharedQuantityConverter"/>, <see cref="QuantityMapConverter"/>
/// and <see cref="StringMapConverter"/>, which write what they write): for writers
/// that send or store bytes (the store, API answers), which the string would cost a transcoding.
/// </summary>
public static class KubernetesUtf8Json
{
    private static readonly JsonSerializerOptions Options = KubernetesOptions();
    private static readonly JsonSerializerOptions ClientOptions = ClientOptionsCopy();

    public static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, Options.GetTypeInfo(value.GetType()));

    /// <summary>
    /// What <see cref="KubernetesJson.Deserialize{TValue}(string, JsonSerializerOptions)"/> reads, from UTF-8, with
    /// KubernetesClient's own options alone: for input from outside, which then fails with KubernetesClient's words.
    /// </summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, (JsonTypeInfo<T>)ClientOptions.GetTypeInfo(typeof(T)));

    /// <summary>A copy of KubernetesClient's own settings (converters, naming, source-generated metadata), quantities shared.</summary>
    internal static JsonSerializerOptions KubernetesOptions()
    {
        var options = ClientOptionsCopy();
        options.Converters.Insert(0, new SharedQuantityConverter());
        options.Converters.Insert(0, new QuantityMapConverter());
        options.Converters.Insert(0, new StringMapConverter());
        return options;
    }

    private static JsonSerializerOptions ClientOptionsCopy()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(kubernetes => options = new JsonSerializerOptions(kubernetes));
        return options!;
    }
}
