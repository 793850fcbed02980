using Microsoft.AspNetCore.Components;

namespace KubeMesos.Dashboard.Components.Controls;

/// <summary>
/// A part of a create form that renders only when what it shows changed. Every field change revalidates the whole
/// object and re-renders the page; a component with an <see cref="EventCallback"/> parameter is re-rendered with its
/// parent whatever its values, and each MudBlazor input re-rendered costs a few render batches of its own, so one
/// typed field cost the pod form about a hundred batches. A section compares its <see cref="RenderKey"/> (its values
/// and its shown errors) instead, and the unchanged sections stay as they are.
/// </summary>
public abstract class FormSection : ComponentBase
{
    private string? _rendered;

    /// <summary>Everything the section's markup depends on, as one string.</summary>
    protected abstract string RenderKey();

    protected override void OnParametersSet() => _rendered ??= RenderKey();

    protected override bool ShouldRender()
    {
        var key = RenderKey();
        if (key == _rendered)
        {
            return false;
        }

        _rendered = key;
        return true;
    }
}
