using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>The newest events from the feed (one store watch for the whole process), filtered by the URL's query.</summary>
public partial class Events
{
    private readonly EventsModel _model = new();

    protected override ListFilter Filter => _model.Filter;

    private IReadOnlyList<EventView> Rows
    {
        get
        {
            _model.Show(Snapshot);
            return _model.Rows;
        }
    }

    protected override bool ApplyQuery() => _model.Apply(Namespace, Search);
}
