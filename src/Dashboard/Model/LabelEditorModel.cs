using k8s.Models;
using KubeMesos.Dashboard.Api;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// Edits one object's labels: rows with inline errors, saved as a whole set onto the newest stored object (retrying
/// when a controller or the scheduler wrote in between), so nothing else of the object is touched.
/// </summary>
public sealed class LabelEditorModel
{
    private readonly List<(string? KeyError, string? ValueError)> _errors = [];

    public LabelEditorModel(IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var (key, value) in (labels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Rows.Add(new LabelRow { Key = key, Value = value });
        }
    }

    public List<LabelRow> Rows { get; } = [];

    public string? Error { get; private set; }

    public string? KeyError(int index) => index < _errors.Count ? _errors[index].KeyError : null;

    public string? ValueError(int index) => index < _errors.Count ? _errors[index].ValueError : null;

    public void Add() => Rows.Add(new LabelRow());

    public void Remove(int index)
    {
        Rows.RemoveAt(index);
        Validate();
    }

    /// <summary>Checks every row; true when the labels may be saved.</summary>
    public bool Validate()
    {
        _errors.Clear();
        _errors.AddRange(LabelRows.Check(Rows));
        return _errors.All(e => e.KeyError is null && e.ValueError is null);
    }

    /// <summary>
    /// Writes the labels as a whole set onto the newest object through the cluster's write path (retried there when
    /// someone wrote in between); false with <see cref="Error"/> set when they are invalid, refused or the object is gone.
    /// </summary>
    public async Task<bool> SaveAsync<T>(ClusterWriter writer, string @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(writer);
        Error = null;
        if (!Validate())
        {
            return false;
        }

        var labels = LabelRows.ToLabels(Rows);
        try
        {
            await writer.UpdateAsync<T>(@namespace, name, current =>
            {
                current.Metadata.Labels = labels.Count == 0 ? null : new Dictionary<string, string>(labels);
                return current;
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ClusterWriteException ex)
        {
            Error = ex.Reason switch
            {
                "NotFound" => $"{name} no longer exists",
                "Conflict" => $"{name} kept changing; try again",
                _ => ex.Message,
            };
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store itself failed: say so, keep the rows as typed.
            Error = $"Labels of {name} not saved: {ex.Message}";
            return false;
        }
    }
}
