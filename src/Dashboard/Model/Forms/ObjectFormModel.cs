using k8s;
using k8s.Models;
using KubeMesos.Dashboard.Api;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model.Forms;

/// <summary>The fields every create form has, by their API paths.</summary>
public static class FormFields
{
    public const string Name = "metadata.name";
    public const string Namespace = "metadata.namespace";
}

/// <summary>
/// A create form's state and logic, whatever the kind: name and namespace, the object the fields describe, its
/// inline errors (the shared validator's, the same the API runs, put on the fields named by their API paths), the
/// YAML it will create, filling from pasted YAML, and the submit through <see cref="ClusterWriter"/> that never
/// sends an invalid object and puts a refusal's causes inline. Not thread-safe: one form, one circuit.
/// </summary>
public abstract class ObjectFormModel<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public string Name { get; set; } = "";

    public string Namespace { get; set; } = NamespaceResource.Default;

    /// <summary>The namespaces that exist (empty = not known, no existence check).</summary>
    public IReadOnlyCollection<string> KnownNamespaces { get; set; } = [];

    public FormErrors Errors { get; } = new();

    public bool IsSubmitting { get; private set; }

    /// <summary>After an import: what the pasted object had that this form leaves out.</summary>
    public IReadOnlyList<string> ImportDropped { get; private set; } = [];

    /// <summary>The kind's validator: the one the API runs.</summary>
    protected abstract IReadOnlyList<FieldError> ValidateObject(T obj);

    /// <summary>The object the fields describe; parse errors (a quantity, a quote) go to <paramref name="errors"/>.</summary>
    protected abstract T BuildObject(FormErrors errors);

    /// <summary>The form's fields besides name and namespace (API paths, map rows).</summary>
    protected abstract IEnumerable<string> OwnFields();

    /// <summary>Row checks of the key/value editors; returns their messages (the validator's map-level copies are dropped).</summary>
    protected abstract IReadOnlyList<string> CheckRows(FormErrors errors);

    protected abstract void LoadObject(T obj);

    protected abstract FormSchema Schema { get; }

    /// <summary>The object as it would be created (whatever its errors), for the YAML preview.</summary>
    public T Build() => BuildObject(new FormErrors());

    public string Yaml => KubernetesYaml.Serialize(Build());

    /// <summary>The namespace the object goes to (an empty field means <c>default</c>).</summary>
    public string TargetNamespace => string.IsNullOrWhiteSpace(Namespace) ? NamespaceResource.Default : Namespace.Trim();

    protected V1ObjectMeta Metadata() => new()
    {
        Name = Name.Trim(),
        NamespaceProperty = TargetNamespace,
    };

    public IEnumerable<string> Fields() => OwnFields().Prepend(FormFields.Namespace).Prepend(FormFields.Name);

    /// <summary>
    /// The form field an API path belongs to: itself, else the longest form field it lies under
    /// (<c>spec.containers[0].resources.requests[gpu]</c> → <c>spec.containers[0]</c>); null = none (shown on top).
    /// </summary>
    public string? FieldFor(string path)
    {
        string? best = null;
        foreach (var field in Fields())
        {
            if (field == path)
            {
                return field;
            }

            if (path.StartsWith(field, StringComparison.Ordinal) && path.Length > field.Length && path[field.Length] is '.' or '['
                && (best is null || field.Length > best.Length))
            {
                best = field;
            }
        }

        return best;
    }

    /// <summary>Rechecks the whole form; true when it may be submitted.</summary>
    public bool Validate()
    {
        Errors.Clear();
        var obj = BuildObject(Errors);
        var rowMessages = CheckRows(Errors);
        var errors = ValidateObject(obj).Where(e => !rowMessages.Any(m => e.Message.EndsWith(m, StringComparison.Ordinal)));
        Errors.AddAll(errors, FieldFor);
        var ns = obj.Metadata.NamespaceProperty;
        if (KnownNamespaces.Count > 0 && !KnownNamespaces.Contains(ns) && KubernetesNames.ValidateDns1123Label(ns).Count == 0)
        {
            Errors.Add(FormFields.Namespace, $"namespaces \"{ns}\" not found: pick an existing namespace");
        }

        return !Errors.Any;
    }

    /// <summary>The user changed <paramref name="field"/>: its error (if any) shows from now on.</summary>
    public void Touch(string field)
    {
        Errors.Touch(field);
        Validate();
    }

    /// <summary>Validates (showing every error), then creates the object; null when invalid or refused.</summary>
    public async Task<T?> SubmitAsync(ClusterWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Errors.ShowAll = true;
        if (IsSubmitting || !Validate())
        {
            return null;
        }

        IsSubmitting = true;
        try
        {
            return await writer.CreateAsync(Build(), cancellationToken);
        }
        catch (ClusterWriteException ex)
        {
            Errors.AddStatus(ex.Status, FieldFor);
            return null;
        }
        finally
        {
            IsSubmitting = false;
        }
    }

    /// <summary>Fills the form from pasted YAML (its first object of this kind); the error, or null when filled.</summary>
    public string? Import(string? yaml)
    {
        if (FormImport.Parse<T>(yaml, out var error) is not { } obj)
        {
            return error;
        }

        Name = obj.Metadata?.Name ?? "";
        if (obj.Metadata?.NamespaceProperty is { Length: > 0 } ns)
        {
            Namespace = ns;
        }

        LoadObject(obj);
        ImportDropped = FormImport.Dropped(obj, Schema);
        Errors.ShowAll = true;
        Validate();
        return null;
    }
}
