using System.Text;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>
/// A command or argument list typed on one line: words split at spaces, with single or double quotes keeping
/// spaces in a word (<c>sh -c "sleep 3600"</c>). Joined back the same way for a form filled from YAML.
/// </summary>
public static class ShellWords
{
    /// <summary>The words of <paramref name="line"/>; null with <paramref name="error"/> for an unclosed quote.</summary>
    public static List<string>? Split(string? line, out string? error)
    {
        error = null;
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line ?? "")
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is { } open)
        {
            error = $"Unclosed {open} quote";
            return null;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    public static string Join(IEnumerable<string>? words) =>
        string.Join(' ', (words ?? []).Select(w => w.Length == 0 || w.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')
            ? w.Contains('"', StringComparison.Ordinal) ? $"'{w}'" : $"\"{w}\""
            : w));
}
