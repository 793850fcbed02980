using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Mesos.Client;

/// <summary>Checks what a real master needs from us before the framework starts: readable URLs, a secret's principal, the CA file.</summary>
public sealed class MesosClientOptionsValidator : IValidateOptions<MesosClientOptions>
{
    public ValidateOptionsResult Validate(string? name, MesosClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Master))
        {
            foreach (var master in options.Master.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(master, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
                {
                    failures.Add($"Mesos:Master: '{master}' is not an http:// or https:// URL of a master.");
                }
            }
        }

        if (!string.IsNullOrEmpty(options.Secret) && string.IsNullOrEmpty(options.Principal))
        {
            failures.Add("Mesos:Secret is set without Mesos:Principal: basic authentication needs both.");
        }

        if (!string.IsNullOrEmpty(options.CaCertificatePath) && !File.Exists(options.CaCertificatePath))
        {
            failures.Add($"Mesos:CaCertificatePath: no file at '{options.CaCertificatePath}'.");
        }

        if (!string.IsNullOrEmpty(options.WebuiUrl) && !Uri.TryCreate(options.WebuiUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Mesos:WebuiUrl: '{options.WebuiUrl}' is not an absolute URL.");
        }

        foreach (var role in options.Roles.Append(options.Role ?? MesosClientOptions.DefaultRole))
        {
            if (RoleProblem(role) is { } problem)
            {
                failures.Add($"Mesos:Roles: '{role}' {problem}.");
            }
        }

        if (options.Roles.Count > 0 && !string.IsNullOrWhiteSpace(options.Role) && !options.Roles.Contains(options.Role.Trim(), StringComparer.Ordinal))
        {
            failures.Add($"Mesos:Role '{options.Role}' is not among Mesos:Roles: set one of them (Mesos:Role is the one-role form of Mesos:Roles).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>Mesos' role name rules (src/common/roles.cpp): what a master would refuse at SUBSCRIBE.</summary>
    internal static string? RoleProblem(string role) => role.Trim() switch
    {
        "" => "is empty",
        "." or ".." => "is not a valid role name",
        var r when r.StartsWith('-') => "must not start with '-'",
        var r when r.Split('/').Any(p => p is "" or "." or ".." || p.StartsWith('-')) => "has an empty, '.', '..' or '-'-prefixed path component",
        var r when r.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\') => "contains whitespace, a control character or a backslash",
        _ => null,
    };
}
