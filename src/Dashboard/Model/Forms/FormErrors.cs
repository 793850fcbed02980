using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>
/// A form's inline errors, keyed by the field's API path (<c>metadata.name</c>, <c>spec.containers[1].image</c>):
/// the form's fields are named by the paths the shared validators and the API's <c>Status</c> causes use, so an
/// error lands on its field without a translation table. An error shows once its field was touched, or after a
/// submit was tried. Not thread-safe: one form, one circuit.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private readonly List<string> _general = [];

    /// <summary>True once a submit was tried: every error shows, touched or not.</summary>
    public bool ShowAll { get; set; }

    /// <summary>Any error at all (shown or not): the form may not be submitted.</summary>
    public bool Any => _byField.Count > 0 || _general.Count > 0;

    /// <summary>Refusals that belong to no field of the form (the API's message, a cause on a field the form lacks).</summary>
    public IReadOnlyList<string> General => _general;

    /// <summary>Every field error, for a summary and for tests.</summary>
    public IReadOnlyDictionary<string, List<string>> ByField => _byField;

    public void Touch(string field) => _touched.Add(field);

    /// <summary>The field's shown error, messages joined; null when it has none or is not shown yet.</summary>
    public string? For(string field) =>
        (ShowAll || _touched.Contains(field)) && _byField.TryGetValue(field, out var messages) ? string.Join("; ", messages) : null;

    public bool Has(string field) => For(field) is not null;

    /// <summary>
    /// Every shown error of the fields at or under <paramref name="prefix"/>, as one string: a form section compares it
    /// (with its values) to know whether it has anything new to render.
    /// </summary>
    public string ShownUnder(string prefix) => string.Join('\n', _byField.Keys
        .Where(f => f.StartsWith(prefix, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(f => For(f) is { } shown ? f + "=" + shown : null)
        .OfType<string>());

    public void Clear()
    {
        _byField.Clear();
        _general.Clear();
    }

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }

        if (!messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
        }
    }

    /// <summary>Puts each error on its form field (<paramref name="fieldFor"/> maps an API path; null = no such field).</summary>
    public void AddAll(IEnumerable<FieldError> errors, Func<string, string?> fieldFor)
    {
        foreach (var error in errors)
        {
            if (fieldFor(error.Field) is { } field)
            {
                Add(field, error.Message);
            }
            else
            {
                _general.Add($"{error.Field}: {error.Message}");
            }
        }
    }

    /// <summary>
    /// An API refusal: its field causes inline (shown at once), its message on top. An "already exists" has no
    /// cause but belongs to the name.
    /// </summary>
    public void AddStatus(V1Status status, Func<string, string?> fieldFor)
    {
        ShowAll = true;
        var causes = status.Details?.Causes?.Where(c => !string.IsNullOrEmpty(c.Field)).ToList() ?? [];
        AddAll(causes.Select(c => new FieldError(c.Field, c.Message ?? c.Reason ?? "invalid")), fieldFor);
        if (status.Reason == "AlreadyExists" && fieldFor("metadata.name") is { } name)
        {
            Add(name, status.Message ?? "already exists");
        }

        var message = status.Message ?? status.Reason ?? "The cluster refused the object.";
        if (!_general.Contains(message, StringComparer.Ordinal))
        {
            _general.Insert(0, message);
        }
    }
}
