using System.Text.RegularExpressions;

namespace KubeMesos.Shared.Validation;

/// <summary>
/// The name rules of Kubernetes (k8s.io/apimachinery/pkg/util/validation). Each method returns the error
/// messages for a value, empty when it is valid, worded as the API server words them.
/// </summary>
public static partial class KubernetesNames
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int LabelValueMaxLength = 63;

    // The patterns end in \z, not $: .NET's $ also matches before a final newline, so "web\n" passed as a name.

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\\z")]
    private static partial Regex QualifiedNamePart();

    public static IReadOnlyList<string> ValidateDns1123Label(string? value)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add("must not be empty");
            return errors;
        }

        if (value.Length > Dns1123LabelMaxLength)
        {
            errors.Add($"must be no more than {Dns1123LabelMaxLength} characters");
        }

        if (!Dns1123Label().IsMatch(value))
        {
            errors.Add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')");
        }

        return errors;
    }

    public static IReadOnlyList<string> ValidateDns1123Subdomain(string? value)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add("must not be empty");
            return errors;
        }

        if (value.Length > Dns1123SubdomainMaxLength)
        {
            errors.Add($"must be no more than {Dns1123SubdomainMaxLength} characters");
        }

        if (!Dns1123Subdomain().IsMatch(value))
        {
            errors.Add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')");
        }

        return errors;
    }

    /// <summary>A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> ValidateLabelKey(string? key)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(key))
        {
            errors.Add("name part must be non-empty");
            return errors;
        }

        var parts = key.Split('/');
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            if (parts[0].Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else
            {
                errors.AddRange(ValidateDns1123Subdomain(parts[0]).Select(e => "prefix part " + e));
            }

            name = parts[1];
        }
        else
        {
            errors.Add("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else
        {
            if (name.Length > 63)
            {
                errors.Add("name part must be no more than 63 characters");
            }

            if (!QualifiedNamePart().IsMatch(name))
            {
                errors.Add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')");
            }
        }

        return errors;
    }

    /// <summary>A label value: empty, or at most 63 characters of alphanumerics, '-', '_', '.', starting and ending alphanumeric.</summary>
    public static IReadOnlyList<string> ValidateLabelValue(string? value)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(value))
        {
            return errors;
        }

        if (value.Length > LabelValueMaxLength)
        {
            errors.Add($"must be no more than {LabelValueMaxLength} characters");
        }

        if (!QualifiedNamePart().IsMatch(value))
        {
            errors.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')");
        }

        return errors;
    }
}
