using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>Every replication controller, live from the feed, filtered and sorted by the URL's query; scale in the row.</summary>
public partial class ReplicationControllers
{
    private const float RowHeight = 41;

    private readonly ObjectListModel<ReplicationControllerView> _list = new(ObjectLists.ReplicationControllers);

    protected override ListFilter Filter => _list.Filter;

    private IReadOnlyList<ReplicationControllerView> Rows
    {
        get
        {
            _list.Show(Snapshot);
            return _list.Rows;
        }
    }

    private string ShownText => Rows.Count == _list.Total
        ? $"{DisplayFormat.Count(_list.Total)} replication controllers"
        : $"{DisplayFormat.Count(Rows.Count)} of {DisplayFormat.Count(_list.Total)} replication controllers";

    protected override bool ApplyQuery() =>
        _list.SetNamespace(Namespace) | _list.SetSearch(Search) | _list.SetSelector(Selector) | _list.SetSort(Sort, QueryState.DescendingOf(Direction));
}
