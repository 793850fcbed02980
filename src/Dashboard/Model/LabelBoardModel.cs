using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The label board: pods (or agents) in columns by the values of one label key, plus a "no value" column; a live
/// selector that marks which cards it matches; and the selection that bulk edits and drags act on. Columns are
/// recomputed only when the snapshot's pods (agents) or a setting changed, never per render.
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class LabelBoardModel
{
    /// <summary>Cards a column shows before "Show more" (a column of thousands of pods renders a screenful).</summary>
    public const int PageSize = 100;

    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _shown = new(StringComparer.Ordinal);
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty();
    private LabelSelector _selector = LabelSelector.Everything;
    private string? _key;
    private IReadOnlyList<BoardColumn>? _columns;
    private IReadOnlyList<BoardKey>? _keys;
    private (string Column, string Card)? _anchor;

    public BoardSubject Subject { get; private set; } = BoardSubject.Pods;

    /// <summary>Only pods of this namespace (null: every namespace). Agents have none.</summary>
    public string? Namespace { get; private set; }

    /// <summary>The label key the columns are by: the one chosen, else the most common one (null when nothing has labels).</summary>
    public string? Key => _key ?? Keys.FirstOrDefault()?.Key;

    /// <summary>True when the key was chosen rather than defaulted.</summary>
    public bool KeyChosen => _key is not null;

    /// <summary>The selector as typed.</summary>
    public string SelectorText { get; private set; } = "";

    /// <summary>Why <see cref="SelectorText"/> is not a selector (the parser's message, with the position), or null.</summary>
    public string? SelectorError { get; private set; }

    /// <summary>True when a valid, non-empty selector is applied.</summary>
    public bool HasSelector => !_selector.IsEmpty;

    /// <summary>How many times the columns were computed (tests use it to prove renders reuse them).</summary>
    public int Computations { get; private set; }

    /// <summary>The keys present, most common first (ties by key).</summary>
    public IReadOnlyList<BoardKey> Keys => _keys ??= ComputeKeys();

    /// <summary>Value columns sorted by value, then "no value".</summary>
    public IReadOnlyList<BoardColumn> Columns => _columns ??= ComputeColumns();

    /// <summary>Cards on the board.</summary>
    public int Total => Columns.Sum(c => c.Cards.Count);

    /// <summary>Cards the selector matches (all of them without a selector).</summary>
    public int Matching => Columns.Sum(c => c.Matching);

    /// <summary>Selected pods (<c>namespace/name</c>) still on the board.</summary>
    public IReadOnlyCollection<string> Selected => _selected;

    /// <summary>Shows <paramref name="snapshot"/>; costs nothing when its pods and agents are those already shown.</summary>
    public void Show(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!ReferenceEquals(snapshot.Pods, _snapshot.Pods) || !ReferenceEquals(snapshot.Agents, _snapshot.Agents))
        {
            Invalidate();
        }

        _snapshot = snapshot;
    }

    public bool SetSubject(BoardSubject subject)
    {
        if (subject == Subject)
        {
            return false;
        }

        Subject = subject;
        _selected.Clear();
        _anchor = null;
        Invalidate();
        return true;
    }

    /// <summary>Chooses the key (null or blank: the default, the most common key).</summary>
    public bool SetKey(string? key)
    {
        key = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        if (key == _key)
        {
            return false;
        }

        _key = key;
        _anchor = null;
        _shown.Clear();
        _columns = null;
        return true;
    }

    public bool SetNamespace(string? @namespace)
    {
        @namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        if (@namespace == Namespace)
        {
            return false;
        }

        Namespace = @namespace;
        Invalidate();
        return true;
    }

    /// <summary>
    /// Sets the selector as typed; true when the applied selector changed. Text that does not parse sets
    /// <see cref="SelectorError"/> and keeps the last valid selector.
    /// </summary>
    public bool SetSelector(string? text)
    {
        text ??= "";
        SelectorText = text;
        if (!LabelSelector.TryParse(text, out var selector, out var error))
        {
            SelectorError = error;
            return false;
        }

        SelectorError = null;
        if (selector.Equals(_selector))
        {
            return false;
        }

        _selector = selector;
        _columns = null;
        return true;
    }

    public bool IsSelected(string cardKey) => _selected.Contains(cardKey);

    /// <summary>
    /// A click on a card: toggles it. With shift, selects every card between the last clicked one and this one in the
    /// same column (a plain toggle when the last click was in another column).
    /// </summary>
    public void Click(string cardKey, bool shift = false)
    {
        if (Subject != BoardSubject.Pods || ColumnOf(cardKey) is not { } column)
        {
            return;
        }

        if (shift && _anchor is { } anchor && anchor.Column == ColumnId(column.Value))
        {
            var cards = column.Cards;
            var from = IndexOf(cards, anchor.Card);
            var to = IndexOf(cards, cardKey);
            if (from >= 0)
            {
                for (var i = Math.Min(from, to); i <= Math.Max(from, to); i++)
                {
                    _selected.Add(cards[i].Key);
                }

                _anchor = (ColumnId(column.Value), cardKey);
                return;
            }
        }

        if (!_selected.Remove(cardKey))
        {
            _selected.Add(cardKey);
        }

        _anchor = (ColumnId(column.Value), cardKey);
    }

    /// <summary>Selects every card of the column, or clears them when all were selected already.</summary>
    public void ToggleColumn(string? value)
    {
        if (Subject != BoardSubject.Pods || Columns.FirstOrDefault(c => c.Value == value) is not { } column)
        {
            return;
        }

        if (column.Cards.All(c => _selected.Contains(c.Key)))
        {
            _selected.ExceptWith(column.Cards.Select(c => c.Key));
        }
        else
        {
            _selected.UnionWith(column.Cards.Select(c => c.Key));
        }
    }

    /// <summary>True when the column has cards and all are selected.</summary>
    public bool IsColumnSelected(BoardColumn column) =>
        column is { Cards.Count: > 0 } && column.Cards.All(c => _selected.Contains(c.Key));

    /// <summary>Selects the pods the selector matches (adds to the selection).</summary>
    public void SelectMatching()
    {
        if (Subject != BoardSubject.Pods || !HasSelector)
        {
            return;
        }

        _selected.UnionWith(Columns.SelectMany(c => c.Cards).Where(c => c.MatchesSelector).Select(c => c.Key));
    }

    public void ClearSelection()
    {
        _selected.Clear();
        _anchor = null;
    }

    /// <summary>The pods a drag of <paramref name="cardKey"/> moves: the whole selection when the card is in it, else the card.</summary>
    public IReadOnlyList<string> DragSet(string cardKey) =>
        _selected.Contains(cardKey) ? _selected.Order(StringComparer.Ordinal).ToList() : [cardKey];

    /// <summary>What dropping pods on a column means: set the key to its value; on "no value", remove the key.</summary>
    public LabelEdit? EditForDrop(string? columnValue) => Key is not { } key
        ? null
        : columnValue is null ? LabelEdit.Remove(key) : LabelEdit.Set(key, columnValue);

    /// <summary>
    /// Of <paramref name="cardKeys"/>, the pods <paramref name="edit"/> would change as the board shows them (a drop on
    /// the column a card is already in changes nothing, so it proposes nothing).
    /// </summary>
    public IReadOnlyList<string> ChangedBy(IEnumerable<string> cardKeys, LabelEdit edit)
    {
        ArgumentNullException.ThrowIfNull(cardKeys);
        ArgumentNullException.ThrowIfNull(edit);
        var labels = Columns.SelectMany(c => c.Cards).ToDictionary(c => c.Key, c => c.Labels, StringComparer.Ordinal);
        return cardKeys.Where(k => labels.TryGetValue(k, out var l) && edit.ApplyTo(l) is not null).ToList();
    }

    /// <summary>The cards of a column to render: the first <see cref="PageSize"/>, more after each <see cref="ShowMore"/>.</summary>
    public IEnumerable<BoardCard> Shown(BoardColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Cards.Take(ShownCount(column));
    }

    public int ShownCount(BoardColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return Math.Min(column.Cards.Count, _shown.TryGetValue(ColumnId(column.Value), out var n) ? n : PageSize);
    }

    public void ShowMore(string? columnValue)
    {
        var id = ColumnId(columnValue);
        _shown[id] = (_shown.TryGetValue(id, out var n) ? n : PageSize) + PageSize * 5;
    }

    /// <summary>A stable id of a column, for the DOM and URL-free state: "v:&lt;value&gt;", or "none".</summary>
    public static string ColumnId(string? value) => value is null ? "none" : "v:" + value;

    private BoardColumn? ColumnOf(string cardKey) => Columns.FirstOrDefault(c => c.Cards.Any(card => card.Key == cardKey));

    private static int IndexOf(IReadOnlyList<BoardCard> cards, string key)
    {
        for (var i = 0; i < cards.Count; i++)
        {
            if (cards[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    private void Invalidate()
    {
        _columns = null;
        _keys = null;
    }

    private IEnumerable<(string Key, string Name, string? Namespace, string? Phase, string? Agent, IReadOnlyDictionary<string, string> Labels)> Subjects()
    {
        if (Subject == BoardSubject.Agents)
        {
            foreach (var agent in _snapshot.Agents.Values)
            {
                yield return (agent.AgentId, agent.Hostname, null, null, agent.PodCount == 1 ? "1 pod" : $"{DisplayFormat.Count(agent.PodCount)} pods", NodeLabels.For(agent));
            }

            yield break;
        }

        foreach (var pod in _snapshot.Pods.Values)
        {
            if (Namespace is null || pod.Namespace == Namespace)
            {
                yield return (pod.Key, pod.Name, pod.Namespace, pod.Phase, pod.NodeName, pod.Labels);
            }
        }
    }

    private List<BoardKey> ComputeKeys()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var subject in Subjects())
        {
            foreach (var key in subject.Labels.Keys)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts.Select(c => new BoardKey(c.Key, c.Value))
            .OrderByDescending(k => k.Count).ThenBy(k => k.Key, StringComparer.Ordinal).ToList();
    }

    private List<BoardColumn> ComputeColumns()
    {
        Computations++;
        var key = Key;
        var byValue = new SortedDictionary<string, List<BoardCard>>(StringComparer.Ordinal);
        var none = new List<BoardCard>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Subjects())
        {
            var card = new BoardCard(s.Key, s.Name, s.Namespace, s.Phase, s.Agent, s.Labels, _selector.Matches(s.Labels));
            present.Add(s.Key);
            if (key is not null && s.Labels.TryGetValue(key, out var value))
            {
                if (!byValue.TryGetValue(value, out var list))
                {
                    byValue[value] = list = [];
                }

                list.Add(card);
            }
            else
            {
                none.Add(card);
            }
        }

        // A pod deleted elsewhere leaves the selection with its card.
        _selected.IntersectWith(present);
        var columns = byValue.Select(v => new BoardColumn(v.Key, Sorted(v.Value))).ToList();
        columns.Add(new BoardColumn(null, Sorted(none)));
        return columns;
    }

    private static List<BoardCard> Sorted(List<BoardCard> cards)
    {
        cards.Sort((a, b) =>
        {
            var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
        });
        return cards;
    }
}
