using KubeMesos.Shared.Contracts;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The Pods page's filters and the rows they select, newest first. Rows are recomputed only when the pods map or a
/// filter changed, never per render: a page re-renders every second (ages) and after every batch of changes.
/// </summary>
/// <remarks>Owned by one component; not thread-safe.</remarks>
public sealed class PodListModel
{
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty();
    private LabelSelector _selector = LabelSelector.Everything;
    private string[] _terms = [];
    private IReadOnlyList<PodView>? _rows;

    /// <summary>Free text: every word must occur in the pod's name, namespace or agent (case-insensitive).</summary>
    public string Search { get; private set; } = "";

    /// <summary>The label selector as typed; <see cref="SelectorError"/> says why it does not parse.</summary>
    public string SelectorText { get; private set; } = "";

    /// <summary>Why <see cref="SelectorText"/> is not a selector, or null. The last valid selector stays applied.</summary>
    public string? SelectorError { get; private set; }

    /// <summary>Only pods in this phase; null for every phase.</summary>
    public string? Phase { get; private set; }

    /// <summary>Pods in the snapshot, before filtering.</summary>
    public int Total => _snapshot.Pods.Count;

    /// <summary>How many times the rows were computed (tests use it to prove renders reuse them).</summary>
    public int Computations { get; private set; }

    /// <summary>The pods the filters select, newest first.</summary>
    public IReadOnlyList<PodView> Rows => _rows ??= Compute();

    /// <summary>Shows <paramref name="snapshot"/>; costs nothing when its pods are those already shown.</summary>
    public void Show(ClusterSnapshot snapshot)
    {
        if (!ReferenceEquals(snapshot.Pods, _snapshot.Pods))
        {
            _rows = null;
        }

        _snapshot = snapshot;
    }

    /// <summary>Sets the free-text filter; true when the filter changed (so the rows may have).</summary>
    public bool SetSearch(string? text)
    {
        text = text?.Trim() ?? "";
        if (text == Search)
        {
            return false;
        }

        Search = text;
        _terms = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        _rows = null;
        return true;
    }

    /// <summary>
    /// Sets the label selector as typed; true when the applied selector changed. Text that does not parse sets
    /// <see cref="SelectorError"/> and keeps the last valid selector (false).
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
        _rows = null;
        return true;
    }

    /// <summary>Sets the phase filter (null or empty for every phase); true when it changed.</summary>
    public bool SetPhase(string? phase)
    {
        phase = string.IsNullOrEmpty(phase) ? null : phase;
        if (phase == Phase)
        {
            return false;
        }

        Phase = phase;
        _rows = null;
        return true;
    }

    private IReadOnlyList<PodView> Compute()
    {
        Computations++;
        var all = PodIndex.Of(_snapshot).NewestFirst;
        if (_terms.Length == 0 && _selector.IsEmpty && Phase is null)
        {
            // Shared with every other circuit showing this snapshot: no copy per page.
            return all;
        }

        var rows = new List<PodView>();
        foreach (var pod in all)
        {
            if ((Phase is null || pod.Phase == Phase) && MatchesTerms(pod) && _selector.Matches(pod.Labels))
            {
                rows.Add(pod);
            }
        }

        return rows;
    }

    private bool MatchesTerms(PodView pod)
    {
        foreach (var term in _terms)
        {
            if (!pod.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
                && !pod.Namespace.Contains(term, StringComparison.OrdinalIgnoreCase)
                && !(pod.NodeName?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false))
            {
                return false;
            }
        }

        return true;
    }
}
