namespace KubeMesos.Framework.Logs;

/// <summary>Text helpers of the log path: the last lines of a text, a byte limit.</summary>
public static class LogText
{
    /// <summary>The last <paramref name="lines"/> lines (a trailing newline does not count as a line).</summary>
    public static string Tail(string text, int lines)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (lines <= 0)
        {
            return "";
        }

        var end = text.EndsWith('\n') ? text.Length - 1 : text.Length;
        var start = end;
        for (var found = 0; start > 0; start--)
        {
            if (text[start - 1] == '\n' && ++found == lines)
            {
                break;
            }
        }

        return text[start..];
    }

    /// <summary>At most <paramref name="limit"/> UTF-8 bytes of the text, never cutting a character.</summary>
    public static string Limit(string text, long limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= limit)
        {
            return text;
        }

        var count = 0L;
        var i = 0;
        while (i < text.Length)
        {
            var width = char.IsSurrogatePair(text, i) ? 2 : 1;
            var bytes = System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (count + bytes > limit)
            {
                break;
            }

            count += bytes;
            i += width;
        }

        return text[..i];
    }
}
