using KubeMesos.Dashboard.Api;
using KubeMesos.Framework.Mesos.Embedded;

namespace KubeMesos.Dashboard.Model;

/// <summary>
/// The Add agent form: hostname, cpus, memory, disk and attributes (<c>name=value</c>, separated by commas or new
/// lines). Validated with the same rules as <c>POST /api/operator/agents</c>, field by field, so the form shows each
/// problem under its field and never sends an agent the master would refuse.
/// </summary>
public sealed class AddAgentModel
{
    public const string HostnameField = "hostname";
    public const string CpusField = "cpus";
    public const string MemField = "mem";
    public const string DiskField = "disk";
    public const string AttributesField = "attributes";

    public string Hostname { get; set; } = "";

    public double Cpus { get; set; } = 4;

    public double MemMb { get; set; } = 8192;

    public double DiskMb { get; set; } = 102400;

    public string Attributes { get; set; } = "";

    /// <summary>Set by a submit attempt: from then on every field shows its error, touched or not.</summary>
    public bool Submitted { get; set; }

    /// <summary>Every problem, by field (the operator API's field names, plus <c>attributes</c>).</summary>
    public IReadOnlyDictionary<string, string> Errors()
    {
        var (definition, attributeError) = Build();
        var errors = EmbeddedMasterApi.Validate(definition).ToDictionary(e => e.Key, e => string.Join(" ", e.Value), StringComparer.Ordinal);
        // The API's validator has no attribute rule beyond a non-empty name, which parsing already checks.
        if (attributeError is not null)
        {
            errors[AttributesField] = attributeError;
        }

        return errors;
    }

    public string? ErrorFor(string field) => Errors().GetValueOrDefault(field);

    public bool IsValid => Errors().Count == 0;

    /// <summary>The agent to add; only call when <see cref="IsValid"/>.</summary>
    public EmbeddedAgentDefinition ToDefinition()
    {
        var (definition, attributeError) = Build();
        if (attributeError is not null)
        {
            throw new InvalidOperationException(attributeError);
        }

        return definition;
    }

    /// <summary>Parses <c>rack=r1, zone=a</c>; the error names the first part that is not <c>name=value</c>.</summary>
    public static (Dictionary<string, string> Attributes, string? Error) ParseAttributes(string? text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                return (attributes, $"'{part}' is not name=value.");
            }

            var name = part[..eq].Trim();
            if (!attributes.TryAdd(name, part[(eq + 1)..].Trim()))
            {
                return (attributes, $"Attribute '{name}' is given twice.");
            }
        }

        return (attributes, null);
    }

    private (EmbeddedAgentDefinition Definition, string? AttributeError) Build()
    {
        var (attributes, error) = ParseAttributes(Attributes);
        return (new EmbeddedAgentDefinition
        {
            Hostname = Hostname.Trim(),
            Cpus = Cpus,
            Mem = MemMb,
            Disk = DiskMb,
            Attributes = attributes,
        }, error);
    }
}
