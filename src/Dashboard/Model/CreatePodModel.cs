using System.Globalization;
using k8s.Models;
using KubeMesos.Framework.Pods;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Model;

/// <summary>One label row of the create-pod form.</summary>
public sealed class LabelRow
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>The form's field keys, used for inline errors.</summary>
public static class PodFormFields
{
    public const string Name = "name";
    public const string Image = "image";
    public const string Cpus = "cpus";
    public const string Memory = "memory";
    public const string Labels = "labels";

    public static string LabelKey(int index) => $"labels[{index}].key";

    public static string LabelValue(int index) => $"labels[{index}].value";
}

/// <summary>
/// The create-pod form: its values, its inline errors, the <see cref="V1Pod"/> it builds and the call that creates
/// it. Client-side checks use the same Kubernetes name rules as the server; server errors (field errors, an existing
/// name) are mapped back onto the fields. Not thread-safe: used from one component.
/// </summary>
public sealed class CreatePodModel
{
    public const string Namespace = "default";

    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _generalErrors = [];

    public string Name { get; set; } = "";

    public string Image { get; set; } = "";

    /// <summary>Requested CPUs (0.5 = 500m).</summary>
    public double Cpus { get; set; } = 0.5;

    /// <summary>Requested memory in MiB.</summary>
    public int MemoryMiB { get; set; } = 256;

    public List<LabelRow> Labels { get; } = [];

    public bool IsSubmitting { get; private set; }

    /// <summary>Inline errors by field key (<see cref="PodFormFields"/>).</summary>
    public IReadOnlyDictionary<string, string> Errors => _errors;

    /// <summary>Server errors that belong to no field of the form.</summary>
    public IReadOnlyList<string> GeneralErrors => _generalErrors;

    public bool HasErrors => _errors.Count > 0 || _generalErrors.Count > 0;

    public string? ErrorFor(string field) => _errors.GetValueOrDefault(field);

    public void AddLabel() => Labels.Add(new LabelRow());

    public void RemoveLabel(int index)
    {
        Labels.RemoveAt(index);
        // Row indices moved: recheck the rows that had errors under their new keys.
        var hadLabelErrors = _errors.Keys.Any(k => k.StartsWith(PodFormFields.Labels, StringComparison.Ordinal));
        ClearLabelErrors();
        if (hadLabelErrors)
        {
            ValidateLabels();
        }
    }

    /// <summary>Checks one field (after the user changed it) and updates its inline error; true when valid.</summary>
    public bool ValidateField(string field)
    {
        _generalErrors.Clear();
        switch (field)
        {
            case PodFormFields.Name:
                return SetError(field, string.IsNullOrWhiteSpace(Name) ? "Name is required" : First(KubernetesNames.ValidateDns1123Label(Name)));
            case PodFormFields.Image:
                return SetError(field, string.IsNullOrWhiteSpace(Image) ? "Image is required" : null);
            case PodFormFields.Cpus:
                // The request is written in millicores, so anything below 1m would be a request of 0.
                return SetError(field, double.IsFinite(Cpus) && Cpus > 0
                    ? Cpus < 0.001 ? "CPUs must be at least 0.001 (1m)" : null
                    : "CPUs must be greater than 0");
            case PodFormFields.Memory:
                return SetError(field, MemoryMiB > 0 ? null : "Memory must be greater than 0 MiB");
            default:
                if (field.StartsWith(PodFormFields.Labels, StringComparison.Ordinal))
                {
                    return ValidateLabels();
                }

                throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown form field.");
        }
    }

    /// <summary>Checks every field; true when the form may be submitted.</summary>
    public bool Validate()
    {
        var valid = ValidateField(PodFormFields.Name);
        valid &= ValidateField(PodFormFields.Image);
        valid &= ValidateField(PodFormFields.Cpus);
        valid &= ValidateField(PodFormFields.Memory);
        valid &= ValidateLabels();
        return valid;
    }

    /// <summary>
    /// The pod this form describes: namespace <c>default</c>, one container named after the pod, requests as
    /// Kubernetes quantities (<c>500m</c>, <c>256Mi</c>).
    /// </summary>
    public V1Pod ToPod()
    {
        var name = Name.Trim();
        var labels = LabelRows.ToLabels(Labels);
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = Namespace,
                Labels = labels.Count == 0 ? null : labels,
            },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = name,
                        Image = Image.Trim(),
                        Resources = new V1ResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity>
                            {
                                ["cpu"] = new(CpuQuantity(Cpus)),
                                ["memory"] = new(MemoryQuantity(MemoryMiB)),
                            },
                        },
                    },
                ],
            },
        };
    }

    /// <summary>
    /// Validates, then creates the pod. Returns the created pod, or null with the errors set inline (client-side
    /// errors, the server's field errors, or "already exists" on the name).
    /// </summary>
    public async Task<V1Pod?> SubmitAsync(IPodService pods, CancellationToken cancellationToken = default)
    {
        if (IsSubmitting || !Validate())
        {
            return null;
        }

        IsSubmitting = true;
        try
        {
            return await pods.CreateAsync(ToPod(), cancellationToken);
        }
        catch (ObjectValidationException e)
        {
            ApplyServerErrors(e.Errors);
            return null;
        }
        catch (PodAlreadyExistsException e)
        {
            _errors[PodFormFields.Name] = e.Message;
            return null;
        }
        finally
        {
            IsSubmitting = false;
        }
    }

    /// <summary>Puts the server's field errors on the form fields they belong to.</summary>
    public void ApplyServerErrors(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var field = FieldFor(error.Field);
            if (field is null)
            {
                _generalErrors.Add($"{error.Field}: {error.Message}");
            }
            else if (!_errors.TryAdd(field, error.Message))
            {
                _errors[field] += "; " + error.Message;
            }
        }
    }

    /// <summary>Millicores, whole CPUs without a suffix: 0.5 → <c>500m</c>, 2 → <c>2</c>.</summary>
    public static string CpuQuantity(double cpus)
    {
        var millis = (long)Math.Round(cpus * 1000, MidpointRounding.AwayFromZero);
        return millis % 1000 == 0
            ? (millis / 1000).ToString(CultureInfo.InvariantCulture)
            : millis.ToString(CultureInfo.InvariantCulture) + "m";
    }

    public static string MemoryQuantity(int mebibytes) => mebibytes.ToString(CultureInfo.InvariantCulture) + "Mi";

    internal static string? FieldFor(string serverField)
    {
        if (serverField == "metadata.name")
        {
            return PodFormFields.Name;
        }

        if (serverField.StartsWith("metadata.labels", StringComparison.Ordinal))
        {
            return PodFormFields.Labels;
        }

        if (serverField.StartsWith("spec.containers[0].", StringComparison.Ordinal))
        {
            var rest = serverField["spec.containers[0].".Length..];
            if (rest == "image")
            {
                return PodFormFields.Image;
            }

            if (rest.StartsWith("resources.", StringComparison.Ordinal))
            {
                if (rest.Contains("cpu", StringComparison.Ordinal))
                {
                    return PodFormFields.Cpus;
                }

                if (rest.Contains("memory", StringComparison.Ordinal))
                {
                    return PodFormFields.Memory;
                }
            }
        }

        return null;
    }

    private bool ValidateLabels()
    {
        ClearLabelErrors();
        var valid = true;
        var checks = LabelRows.Check(Labels);
        for (var i = 0; i < checks.Count; i++)
        {
            valid &= SetError(PodFormFields.LabelKey(i), checks[i].KeyError);
            valid &= SetError(PodFormFields.LabelValue(i), checks[i].ValueError);
        }

        return valid;
    }

    private void ClearLabelErrors()
    {
        foreach (var key in _errors.Keys.Where(k => k.StartsWith(PodFormFields.Labels, StringComparison.Ordinal)).ToList())
        {
            _errors.Remove(key);
        }
    }

    private bool SetError(string field, string? message)
    {
        if (message is null)
        {
            _errors.Remove(field);
            return true;
        }

        _errors[field] = message;
        return false;
    }

    private static string? First(IReadOnlyList<string> errors) => errors.Count == 0 ? null : errors[0];
}
