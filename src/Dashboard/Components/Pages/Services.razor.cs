using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>Every service, live, filtered and sorted by the URL's query; each row links to its page and its pods.</summary>
public partial class Services
{
    private const float RowHeight = 41;

    private readonly ObjectListModel<ServiceView> _list = new(ObjectLists.Services);

    protected override ListFilter Filter => _list.Filter;

    private IReadOnlyList<ServiceView> Rows
    {
        get
        {
            _list.Show(Snapshot);
            return _list.Rows;
        }
    }

    private string ShownText => Rows.Count == _list.Total
        ? $"{DisplayFormat.Count(_list.Total)} services"
        : $"{DisplayFormat.Count(Rows.Count)} of {DisplayFormat.Count(_list.Total)} services";

    protected override bool ApplyQuery() =>
        _list.SetNamespace(Namespace) | _list.SetSearch(Search) | _list.SetSelector(Selector) | _list.SetSort(Sort, QueryState.DescendingOf(Direction));
}
