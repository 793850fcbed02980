namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The last <see cref="Capacity"/> lines of a followed log, fed with chunks that may end mid-line: a bounded buffer
/// for the log pane (older lines drop off the top, as in a terminal's scrollback).
/// </summary>
public sealed class LogLines(int capacity = 2000)
{
    private readonly LinkedList<string> _lines = new();
    private string _partial = "";

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Lines dropped off the top so far.</summary>
    public long Dropped { get; private set; }

    /// <summary>Complete lines, then the unfinished last one (if any).</summary>
    public IEnumerable<string> Lines => _partial.Length > 0 ? _lines.Append(_partial) : _lines;

    public int Count => _lines.Count + (_partial.Length > 0 ? 1 : 0);

    public void Append(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var text = _partial + chunk;
        var start = 0;
        for (var newline = text.IndexOf('\n', start); newline >= 0; newline = text.IndexOf('\n', start))
        {
            _lines.AddLast(text[start..newline]);
            start = newline + 1;
            if (_lines.Count > Capacity)
            {
                _lines.RemoveFirst();
                Dropped++;
            }
        }

        _partial = text[start..];
    }
}
