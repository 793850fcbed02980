using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Controllers;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;

namespace KubeMesos.Dashboard.Components.Pages;

/// <summary>
/// The label board: pods (or agents) in columns by a label key's values, live; select and relabel in bulk or by
/// dragging a card to another column; every change shows its impact preview first and is written by <see cref="ClusterWriter"/>
/// on Apply. The key, the pods/agents toggle, the selector and the namespace are in the URL.
/// </summary>
public partial class Labels
{
    /// <summary>Typing filters once the user pauses, not per keystroke.</summary>
    private const int DebounceMs = 150;
    private readonly LabelBoardModel _board = new();
    private readonly LabelChangeModel _change = new();
    private IReadOnlyList<string> _dragging = [];
    private string? _dropTarget;
    private string? _editKey;
    private string? _editValue;
    private string? _keyError;
    private string? _valueError;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private IObjectStore Store { get; set; } = null!;

    [Inject]
    private ClusterWriter Writer { get; set; } = null!;

    [Inject]
    private IOptions<ControllerOptions> ControllerOptions { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "ns")]
    public string? Namespace { get; set; }

    [SupplyParameterFromQuery(Name = "key")]
    public string? Key { get; set; }

    /// <summary><c>agents</c> for the agents board; absent for pods.</summary>
    [SupplyParameterFromQuery(Name = "show")]
    public string? Show { get; set; }

    [SupplyParameterFromQuery(Name = "selector")]
    public string? Selector { get; set; }

    private LabelBoardModel Board
    {
        get
        {
            _board.Show(Snapshot);
            return _board;
        }
    }

    private string StatusText
    {
        get
        {
            var noun = Board.Subject == BoardSubject.Pods ? "pods" : "agents";
            var where = Board.Subject == BoardSubject.Pods && Board.Namespace is { } ns ? $" in {ns}" : "";
            return Board.Key is { } key
                ? $"{DisplayFormat.Count(Board.Total)} {noun}{where} by {key}, in {DisplayFormat.Count(Board.Columns.Count)} columns"
                : $"{DisplayFormat.Count(Board.Total)} {noun}{where}";
        }
    }

    private string? MatchText => Board.HasSelector
        ? $"{DisplayFormat.Count(Board.Matching)} of {DisplayFormat.Count(Board.Total)} match"
        : Board.Subject == BoardSubject.Pods ? "Marks the pods a selector matches" : "Marks the agents a selector matches";

    protected override void OnParametersSet()
    {
        // The URL is the state: a link or a reload shows the same board.
        _board.SetNamespace(Namespace);
        _board.SetSubject(string.Equals(Show, "agents", StringComparison.OrdinalIgnoreCase) ? BoardSubject.Agents : BoardSubject.Pods);
        _board.SetKey(Key);
        _board.SetSelector(Selector);
    }

    private void SetKey(string? key)
    {
        _board.SetKey(key);
        WriteUrl();
    }

    private void SetSubject(BoardSubject subject)
    {
        _board.SetSubject(subject);
        _board.SetKey(null);
        CancelChange();
        _change.Dismiss();
        WriteUrl();
    }

    private void SetSelector(string? text)
    {
        _board.SetSelector(text);
        WriteUrl();
    }

    private void WriteUrl()
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["key"] = _board.KeyChosen ? _board.Key : null,
            ["show"] = _board.Subject == BoardSubject.Agents ? "agents" : null,
            ["selector"] = string.IsNullOrWhiteSpace(_board.SelectorText) ? null : _board.SelectorText,
        });
        Navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private void ValidateEdit()
    {
        _keyError = null;
        _valueError = null;
        if (string.IsNullOrWhiteSpace(_editKey) && string.IsNullOrWhiteSpace(_editValue))
        {
            return;
        }

        ShowErrors(LabelEdit.Set(_editKey ?? "", _editValue ?? "").Validate());
    }

    private void ShowErrors(IReadOnlyList<KubeMesos.Shared.Validation.FieldError> errors)
    {
        _keyError = errors.FirstOrDefault(e => e.Field == "key")?.Message;
        _valueError = errors.FirstOrDefault(e => e.Field == "value")?.Message;
    }

    private Task ProposeFromToolbarAsync(LabelEditKind kind)
    {
        var key = _editKey ?? "";
        var value = _editValue ?? "";
        var edit = kind switch
        {
            LabelEditKind.Set => LabelEdit.Set(key, value),
            LabelEditKind.Change => LabelEdit.Change(key, value),
            _ => LabelEdit.Remove(key),
        };
        var errors = edit.Validate();
        ShowErrors(errors);
        return errors.Count > 0 ? Task.CompletedTask : ProposeAsync(Board.Selected.Order(StringComparer.Ordinal).ToList(), edit);
    }

    private async Task DropAsync(string? columnValue)
    {
        _dropTarget = null;
        var pods = _dragging;
        _dragging = [];
        if (pods.Count == 0 || Board.EditForDrop(columnValue) is not { } edit || Board.ChangedBy(pods, edit) is not { Count: > 0 } changed)
        {
            return;
        }

        await ProposeAsync(changed, edit);
    }

    private async Task ProposeAsync(IReadOnlyList<string> pods, LabelEdit edit)
    {
        try
        {
            await _change.ProposeAsync(pods, [edit], Read, Now, ControllerOptions.Value.BurstReplicas);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store that cannot be read (etcd down, say) is explained in the panel; the circuit goes on.
            _change.Fail($"The preview could not read the cluster: {ex.Message}");
        }
    }

    private async Task ApplyAsync()
    {
        var results = await _change.ApplyAsync((ns, name, mutate, ct) => Writer.UpdateAsync<V1Pod>(ns, name, mutate, ct), Read,
            Now, ControllerOptions.Value.BurstReplicas);
        if (results.Count > 0 && results.All(r => r.Outcome != LabelApplyOutcome.Failed))
        {
            // Done with them; after a failure the selection stays, so the person can try again.
            _board.ClearSelection();
        }
    }

    private void CancelChange() => _change.Cancel();

    private Task<ClusterObjects> Read(IReadOnlyCollection<string> namespaces, CancellationToken ct) => ClusterObjectsReader.ReadAsync(Store, namespaces, ct);

    private void OnCardKey(KeyboardEventArgs e, string key)
    {
        if (e.Key is " " or "Enter")
        {
            Board.Click(key, e.ShiftKey);
        }
    }

    private string ColumnClass(BoardColumn column) =>
        "km-column" + (_dropTarget == LabelBoardModel.ColumnId(column.Value) && _dragging.Count > 0 ? " km-drop-target" : "")
        + (column.IsNoValue ? " km-column-novalue" : "");

    private string CardClass(BoardCard card) =>
        "km-card" + (Board.IsSelected(card.Key) ? " km-selected" : "") + (Board.HasSelector && !card.MatchesSelector ? " km-dim" : "")
        + (Board.HasSelector && card.MatchesSelector ? " km-match" : "");

    private static string CardTitle(BoardCard card) =>
        string.Join("\n", new[] { card.Namespace is null ? card.Name : $"{card.Namespace}/{card.Name}" }
            .Concat(card.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));

    private static string PhaseClass(string phase) => PhaseChip.ClassOf(phase) + " km-phase";
}
