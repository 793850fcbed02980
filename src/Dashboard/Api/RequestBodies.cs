using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using KubeMesos.Framework.Http;
using Microsoft.Net.Http.Headers;

namespace KubeMesos.Dashboard.Api;

/// <summary>Reads request bodies: size limit (413), media type (415), JSON or YAML into a JSON tree (400 when unparsable).</summary>
internal static class RequestBodies
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string MergePatch = "application/merge-patch+json";
    public const string JsonPatch = "application/json-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    public static readonly string[] ObjectTypes = [Json, Yaml];
    public static readonly string[] PatchTypes = [JsonPatch, MergePatch, StrategicMergePatch, ApplyPatch];

    /// <summary>The media type without parameters, lower case; JSON when the request names none.</summary>
    public static string MediaType(HttpRequest request, IReadOnlyCollection<string> accepted)
    {
        var raw = request.ContentType;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return accepted.First();
        }

        if (!MediaTypeHeaderValue.TryParse(raw, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            throw ApiStatus.UnsupportedMediaType(raw, accepted);
        }

        mediaType = mediaType.ToLowerInvariant();
        return accepted.Contains(mediaType) ? mediaType : throw ApiStatus.UnsupportedMediaType(raw, accepted);
    }

    /// <summary>The body as text, refused with 413 past <paramref name="limit"/> bytes.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var body = await ReadBytesAsync(request, limit, cancellationToken);
        return Encoding.UTF8.GetString(body.Span);
    }

    private static async Task<PooledBody> ReadBytesAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            await DrainAsync(request.Body, limit, cancellationToken);
            throw ApiStatus.TooLarge(limit);
        }

        var body = await PooledBody.ReadAsync(request.Body, request.ContentLength, (int)Math.Min(limit, int.MaxValue - 1), cancellationToken);
        if (body is null)
        {
            await DrainAsync(request.Body, limit, cancellationToken);
            throw ApiStatus.TooLarge(limit);
        }

        return body;
    }

    /// <summary>
    /// The body as a JSON object, from JSON or YAML (YAML read as a <typeparamref name="T"/>), with the request's
    /// <c>fieldValidation</c> applied to fields a <typeparamref name="T"/> does not have.
    /// </summary>
    public static async Task<JsonObject> ReadObjectAsync<T>(HttpRequest request, long limit, CancellationToken cancellationToken) =>
        (await ReadBodyAsync<T>(request, limit, cancellationToken)).Node;

    /// <summary>
    /// The same, with the body's UTF-8 JSON when the tree is exactly that text (JSON without a key given twice), so
    /// that the object can be decoded from the text rather than from the tree (<see cref="ResourceHandler{T}.Decode(JsonObject, byte[])"/>).
    /// </summary>
    public static async Task<RequestObject> ReadBodyAsync<T>(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var mediaType = MediaType(request, ObjectTypes);
        if (mediaType == Yaml)
        {
            return new RequestObject(ParseYamlObject<T>(request.HttpContext, await ReadTextAsync(request, limit, cancellationToken)), null);
        }

        using var body = await ReadBytesAsync(request, limit, cancellationToken);
        if (!Utf8.IsValid(body.Span))
        {
            // Invalid bytes read as U+FFFD, as Go's decoder reads them.
            return new RequestObject(ParseJsonObject<T>(request.HttpContext, Encoding.UTF8.GetString(body.Span)), null);
        }

        var duplicates = new List<string>();
        var obj = Checked<T>(request.HttpContext, BodyTrees.ParseJson(body.Memory, duplicates), duplicates);
        return new RequestObject(obj, duplicates.Count == 0 ? body.Span.ToArray() : null);
    }

    /// <summary>A JSON object; duplicate keys keep the last value.</summary>
    public static JsonObject ParseJsonObject(string text) => AsObject(BodyTrees.ParseJson(text, []));

    /// <summary>A JSON object to be read as a <typeparamref name="T"/>, checked by the request's <c>fieldValidation</c>.</summary>
    public static JsonObject ParseJsonObject<T>(HttpContext http, string text)
    {
        var duplicates = new List<string>();
        return Checked<T>(http, BodyTrees.ParseJson(text, duplicates), duplicates);
    }

    /// <summary>A parsed body as the object a <typeparamref name="T"/> is read from, checked by the request's <c>fieldValidation</c>.</summary>
    private static JsonObject Checked<T>(HttpContext http, JsonNode? parsed, List<string> duplicates)
    {
        var obj = AsObject(parsed);
        FieldValidation.Enforce<T>(http, obj, duplicates);
        return obj;
    }

    /// <summary>A request's object as a JSON tree; <see cref="Utf8"/> is its JSON text when the tree is exactly that.</summary>
    public readonly record struct RequestObject(JsonObject Node, byte[]? Utf8);

    private static JsonObject AsObject(JsonNode? parsed) =>
        parsed as JsonObject ?? throw ApiStatus.BadRequest("the body of the request is not a JSON object");

    /// <summary>
    /// A YAML object as a <typeparamref name="T"/> through KubernetesClient's YAML support, then as a JSON tree; its
    /// keys are checked first (depth, aliases, the request's <c>fieldValidation</c>), since typed decoding drops
    /// unknown ones.
    /// </summary>
    public static JsonObject ParseYamlObject<T>(HttpContext http, string text)
    {
        var duplicates = new List<string>();
        var keys = BodyTrees.YamlKeys(text, duplicates);
        FieldValidation.Enforce<T>(http, keys, duplicates);
        T value;
        try
        {
            value = KubernetesYaml.Deserialize<T>(text);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidCastException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw ApiStatus.BadRequest($"the body of the request could not be decoded as YAML: {ex.Message}");
        }

        return value is null
            ? throw ApiStatus.BadRequest("the body of the request is empty")
            : JsonNode.Parse(KubernetesJson.Serialize(value))!.AsObject();
    }

    /// <summary>Reads (and drops) what is left of an oversized body, so the client gets the 413 rather than a reset.</summary>
    private static async Task DrainAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        long total = 0;
        int read;
        while (total < 8 * limit && (read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
        }
    }
}
