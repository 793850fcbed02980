using System.Buffers.Text;
using System.Text.Json;

namespace KubeMesos.Framework.Store;

/// <summary>
/// An opaque list continuation: the version of the first page and the path (<c>namespace/name</c>) of the last item
/// returned, so the next page starts after it whatever was written in between. Base64url JSON, like Kubernetes'.
/// </summary>
internal sealed record ContinueToken(long ResourceVersion, string After)
{
    private sealed record Wire(int V, long Rv, string Start);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire(1, ResourceVersion, After)));

    /// <exception cref="ArgumentException">a token this store did not issue.</exception>
    public static ContinueToken Decode(string token)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(token));
            if (wire is { V: 1, Rv: > 0, Start.Length: > 0 })
            {
                return new ContinueToken(wire.Rv, wire.Start);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }

        throw new ArgumentException($"continue key is not valid: \"{token}\"", "continue");
    }
}
