using CsCheck;

namespace KubeMesos.Tests.Unit.BadInput;

/// <summary>Strings an attacker or a confused script puts in names, labels and annotations.</summary>
internal static class HostileText
{
    public static readonly string[] Pieces =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:ldap://x}", "'; DROP TABLE pods; --",
        "\u202Eevil\u202C", "\u200F\u05E9\u05DC\u05D5\u05DD", "a\u200Bb", "\uFEFF", "\u2060", "😀", "👩‍👩‍👧‍👦", "\U0001F4A9",
        "\0", "a\0b", "\r\n", "\t", "\\", "\"", "/", "..", "../../etc/passwd", "%00", "%2e%2e", "é", "e\u0301", "İ", "ß", "Ω",
        "\u0085", "\u2028", "\u001b[31m", "web", "app", "x", new string('a', 63), new string('a', 64), new string('a', 254), "-", ".", "_",
    ];

    /// <summary>One to three pieces glued together, sometimes around a plain DNS label.</summary>
    public static readonly Gen<string> Any =
        Gen.OneOf(
            Gen.OneOf(Pieces),
            Gen.Select(Gen.OneOf(Pieces), Gen.OneOf(Pieces), (a, b) => a + b),
            Gen.Select(Gen.OneOf(Pieces), Gen.OneOf("web", "nginx-1", "a.b"), Gen.OneOf(Pieces), (a, b, c) => a + b + c),
            Gen.String[Gen.Char, 0, 40]);

    /// <summary>Text safe to round-trip through any JSON writer: hostile, but without lone surrogates.</summary>
    public static readonly Gen<string> Wellformed = Any.Select(s => string.Concat(s.Where((c, i) => !char.IsSurrogate(c) || (char.IsHighSurrogate(c) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) : i > 0 && char.IsHighSurrogate(s[i - 1])))));
}
