using KubeMesos.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace KubeMesos.Dashboard.Components;

/// <summary>
/// A live list page whose filters live in the URL: namespace (<c>ns</c>, the app bar's choice), search (<c>q</c>),
/// label selector (<c>selector</c>) and sort (<c>sort</c>, <c>dir</c>). A control's change replaces the query; the
/// page applies the query in <see cref="OnParametersSet"/>, so a link or a reload shows the same view.
/// </summary>
public abstract class ListPageBase : LivePageBase
{
    private bool _disposed;

    [SupplyParameterFromQuery(Name = QueryState.Namespace)]
    public string? Namespace { get; set; }

    [SupplyParameterFromQuery(Name = QueryState.Search)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = QueryState.Selector)]
    public string? Selector { get; set; }

    [SupplyParameterFromQuery(Name = QueryState.Sort)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = QueryState.Direction)]
    public string? Direction { get; set; }

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    /// <summary>The list's filter (for the sort headers and the filter boxes).</summary>
    protected abstract ListFilter Filter { get; }

    /// <summary>Applies the query to the list model; true when the rows may have changed.</summary>
    protected abstract bool ApplyQuery();

    /// <summary>Whether the last query change changed the rows (a page may scroll back to the top).</summary>
    protected bool QueryChanged { get; set; }

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        QueryChanged |= ApplyQuery();
    }

    protected void SearchChanged(string? text) => ReplaceQuery(QueryState.Search, text);

    protected void SelectorChanged(string? text) => ReplaceQuery(QueryState.Selector, text);

    protected void SortChanged((string Column, bool Descending) sort)
    {
        var isDefault = sort.Column == Filter.DefaultSort && sort.Descending == Filter.DefaultDescending;
        ReplaceQuery(new Dictionary<string, object?>
        {
            [QueryState.Sort] = isDefault ? null : sort.Column,
            [QueryState.Direction] = isDefault ? null : QueryState.DirectionOf(sort.Descending),
        });
    }

    /// <summary>Writes a filter into the URL, unless the page is gone.</summary>
    protected void ReplaceQuery(string name, string? value) => ReplaceQuery(new Dictionary<string, object?> { [name] = value });

    /// <summary>
    /// Writes filters into the URL, unless the page is gone: the search boxes debounce, and a write that comes due after
    /// the person left would land on the next page's URL (a <c>q=</c> carried from Pods to Agents).
    /// </summary>
    protected void ReplaceQuery(IReadOnlyDictionary<string, object?> values)
    {
        if (!_disposed)
        {
            QueryState.Replace(Navigation, values);
        }
    }

    public override ValueTask DisposeAsync()
    {
        _disposed = true;
        return base.DisposeAsync();
    }

    /// <summary>A link to <paramref name="path"/> that keeps the namespace choice.</summary>
    protected string Link(string path, params (string Name, string? Value)[] query) => QueryState.Link(path, Namespace, query);
}
