using KubeMesos.Shared.Contracts;

namespace KubeMesos.Framework.Scheduling.Insight;

/// <summary>
/// The latest placement attempt of every waiting pod, kept per feasibility class (pods of a class share one
/// explanation, so memory grows with classes × agents, not pods × agents), and the placement record of placed pods.
/// A class's explanation goes when its last pod does. Owned by the scheduler loop: not thread-safe.
/// </summary>
public sealed class ExplanationBook
{
    private readonly Dictionary<string, ClassExplanation> _classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _classPods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Class, DateTimeOffset At)> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlacementView> _placements = new(StringComparer.Ordinal);

    public int ClassCount => _classes.Count;

    public int PodCount => _pods.Count;

    /// <summary>The class's latest attempt, replacing the one before.</summary>
    public void ClassAttempted(string feasibilityClass, ClassExplanation explanation) => _classes[feasibilityClass] = explanation;

    /// <summary>The pod was tried in this class (and found no place): its explanation is the class's latest.</summary>
    public void PodAttempted(string podKey, string feasibilityClass, DateTimeOffset at)
    {
        _placements.Remove(podKey);
        if (_pods.TryGetValue(podKey, out var previous))
        {
            if (previous.Class == feasibilityClass)
            {
                _pods[podKey] = (feasibilityClass, at);
                return;
            }

            Release(previous.Class);
        }

        _pods[podKey] = (feasibilityClass, at);
        _classPods[feasibilityClass] = _classPods.GetValueOrDefault(feasibilityClass) + 1;
    }

    public void Placed(string podKey, PlacementView placement)
    {
        Forget(podKey);
        _placements[podKey] = placement;
    }

    public void Forget(string podKey)
    {
        _placements.Remove(podKey);
        if (_pods.Remove(podKey, out var previous))
        {
            Release(previous.Class);
        }
    }

    public PodExplanation? For(string podKey)
    {
        if (_placements.TryGetValue(podKey, out var placement))
        {
            return new PodExplanation(podKey, WaitingKind.Scheduled, $"placed on {placement.Hostname}", placement.PlacedAt, [], placement);
        }

        return _pods.TryGetValue(podKey, out var attempt) && _classes.TryGetValue(attempt.Class, out var explanation)
            ? new PodExplanation(podKey, explanation.Kind, explanation.Summary, attempt.At, explanation.Agents, null)
            : null;
    }

    private void Release(string feasibilityClass)
    {
        var left = _classPods.GetValueOrDefault(feasibilityClass) - 1;
        if (left > 0)
        {
            _classPods[feasibilityClass] = left;
            return;
        }

        _classPods.Remove(feasibilityClass);
        _classes.Remove(feasibilityClass);
    }
}
