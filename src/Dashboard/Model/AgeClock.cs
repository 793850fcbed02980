namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The ages ("3s ago") shown on one page, moved on together by the page's <see cref="UiClock"/>: a tick re-renders the
/// age components only, not the page. A page of MudBlazor inputs and tables re-rendered once a second costs dozens of
/// render batches per second per open tab; the ages alone are one small batch.
/// </summary>
/// <remarks>Used on the renderer's dispatcher only (components register while rendering; the page's tick runs through
/// <c>InvokeAsync</c>), so it needs no lock.</remarks>
public sealed class AgeClock
{
    private readonly HashSet<Action> _ages = [];

    /// <summary>How many ages are shown now.</summary>
    public int Count => _ages.Count;

    public void Register(Action refresh) => _ages.Add(refresh);

    public void Unregister(Action refresh) => _ages.Remove(refresh);

    /// <summary>Re-renders every registered age.</summary>
    public void Tick()
    {
        foreach (var refresh in _ages.ToArray())
        {
            refresh();
        }
    }
}
