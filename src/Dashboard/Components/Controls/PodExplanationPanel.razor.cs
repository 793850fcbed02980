using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Scheduling.Insight;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace KubeMesos.Dashboard.Components.Controls;

/// <summary>
/// Asks the scheduler (through <see cref="SchedulerInsight"/>) for one pod's explanation, again whenever
/// <see cref="Signal"/> changes: the page passes what the feed says (the last placement attempt, the pod's view), so
/// the panel follows attempts live without polling. One question at a time; a change meanwhile asks once more after.
/// </summary>
public partial class PodExplanationPanel : IAsyncDisposable
{
    /// <summary>Row height in pixels for the virtualizer (one-line cells, fixed in the page's css).</summary>
    internal const float RowHeight = 33;

    private const int RowsBeforeScrolling = 12;
    private const string All = "all";

    // The loop answers between two batches; one that takes longer is stuck, not busy.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposing = new();
    private PodExplanation? _explanation;
    private PodExplanationModel? _model;
    private VerdictGroup? _group;
    private VerdictSort _sort;
    private string? _selected;
    private string? _error;
    private string? _key;
    private object? _signal;
    private bool _asking;
    private bool _askAgain;

    [Inject]
    private SchedulerInsight Insight { get; set; } = null!;

    [Inject]
    private ILogger<PodExplanationPanel> Logger { get; set; } = null!;

    [Parameter, EditorRequired]
    public string Namespace { get; set; } = "";

    [Parameter, EditorRequired]
    public string Name { get; set; } = "";

    /// <summary>Anything that changes when the explanation may have: a new value asks the scheduler again.</summary>
    [Parameter]
    public object? Signal { get; set; }

    /// <summary>The pod's creation time (pending since).</summary>
    [Parameter]
    public DateTimeOffset? PendingSince { get; set; }

    [Parameter]
    public DateTimeOffset Now { get; set; }

    /// <summary>Makes an app link keep the page's query (the namespace choice).</summary>
    [Parameter]
    public Func<string, string> LinkTo { get; set; } = path => path;

    /// <summary>The latest answer; null before the first (or for a pod the scheduler does not know).</summary>
    public PodExplanation? Explanation => _explanation;

    private PodExplanationModel? Model
    {
        get
        {
            if (_explanation is null)
            {
                return null;
            }

            if (_model is null || !ReferenceEquals(_model.Explanation, _explanation) || _model.Group != _group || _model.Sort != _sort)
            {
                _model = new PodExplanationModel(_explanation, _group, _sort);
            }

            return _model;
        }
    }

    private VerdictRow? Selected => _selected is null ? null : Model?.Rows.FirstOrDefault(r => r.AgentId == _selected);

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Namespace}/{Name}";
        if (key == _key && Equals(Signal, _signal))
        {
            return;
        }

        if (key != _key)
        {
            _explanation = null;
            _selected = null;
        }

        _key = key;
        _signal = Signal;
        await AskAsync();
    }

    private async Task AskAsync()
    {
        if (_asking)
        {
            _askAgain = true;
            return;
        }

        _asking = true;
        try
        {
            do
            {
                _askAgain = false;
                var key = _key!;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
                timeout.CancelAfter(AnswerTimeout);
                var answer = await Insight.ExplainAsync(key, timeout.Token);
                if (key == _key)
                {
                    _explanation = answer;
                    _error = null;
                }
            }
            while (_askAgain && !_disposing.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (OperationCanceledException)
        {
            _error = "the scheduler did not answer in time";
        }
        catch (Exception ex)
        {
            LogAskFailed(Logger, ex, _key ?? "");
            _error = ex.Message;
        }
        finally
        {
            _asking = false;
        }
    }

    private void SetGroup(string? value) => _group = Enum.TryParse<VerdictGroup>(value, out var group) ? group : null;

    private void SetSort(VerdictSort sort) => _sort = sort;

    private void Toggle(string agentId) => _selected = _selected == agentId ? null : agentId;

    private static string KindIcon(WaitingKind kind) => kind switch
    {
        WaitingKind.NeverFits => Icons.Material.Filled.Block,
        WaitingKind.WaitsForResources => Icons.Material.Filled.HourglassTop,
        _ => Icons.Material.Filled.LocalOffer,
    };

    public async ValueTask DisposeAsync()
    {
        // Cancelled, not disposed: a question still in flight reads its token once more on the way out.
        await _disposing.CancelAsync();
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not explain pod {Pod}")]
    private static partial void LogAskFailed(ILogger logger, Exception ex, string pod);
}
