using k8s.Models;
using KubeMesos.Framework.Store;

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

    /// <summary>Writes the labels; false with <see cref="Error"/> set when they are invalid or the object is gone.</summary>
    public async Task<bool> SaveAsync<T>(IObjectStore store, string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(store);
        Error = null;
        if (!Validate())
        {
            return false;
        }

        var labels = LabelRows.ToLabels(Rows);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await store.GetAsync<T>(@namespace, name, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                Error = $"{name} no longer exists";
                return false;
            }

            current.Metadata.Labels = labels.Count == 0 ? null : labels;
            try
            {
                await store.UpdateAsync(current, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StoreConflictException)
            {
                // Written in between (the scheduler's status, say): take the newest and set the labels again.
            }
            catch (StoreNotFoundException)
            {
                Error = $"{name} no longer exists";
                return false;
            }
        }

        Error = $"{name} kept changing; try again";
        return false;
    }
}
