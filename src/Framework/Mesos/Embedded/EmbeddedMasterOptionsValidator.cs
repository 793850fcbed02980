using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Mesos.Embedded;

internal sealed class EmbeddedMasterOptionsValidator : IValidateOptions<EmbeddedMasterOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedMasterOptions options)
    {
        var errors = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"{EmbeddedMasterOptions.Section}:Port must be 0..65535, got {options.Port}.");
        }

        if (!System.Net.IPAddress.TryParse(options.Address, out _))
        {
            errors.Add($"{EmbeddedMasterOptions.Section}:Address must be an IP address, got '{options.Address}'.");
        }

        if (options.AgentCount is < 0 or > 100_000)
        {
            errors.Add($"{EmbeddedMasterOptions.Section}:AgentCount must be 0..100000, got {options.AgentCount}.");
        }

        Positive(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(options.AllocationInterval, nameof(options.AllocationInterval));
        Positive(options.UpdateRetryInterval, nameof(options.UpdateRetryInterval));
        Positive(options.CheckpointInterval, nameof(options.CheckpointInterval));
        if (options.TaskStepDelay < TimeSpan.Zero)
        {
            errors.Add($"{EmbeddedMasterOptions.Section}:TaskStepDelay must not be negative.");
        }

        for (var i = 0; i < options.Agents.Count; i++)
        {
            errors.AddRange(ValidateAgent(options.Agents[i]).Select(e => $"{EmbeddedMasterOptions.Section}:Agents:{i}: {e}"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(TimeSpan value, string field)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{EmbeddedMasterOptions.Section}:{field} must be positive, got {value}.");
            }
        }
    }

    /// <summary>Problems of one agent definition (also used by the operator hook that adds agents).</summary>
    public static IEnumerable<string> ValidateAgent(EmbeddedAgentDefinition agent)
    {
        if (string.IsNullOrWhiteSpace(agent.Hostname))
        {
            yield return "Hostname is required.";
        }

        if (!double.IsFinite(agent.Cpus) || agent.Cpus <= 0)
        {
            yield return $"Cpus must be positive, got {agent.Cpus}.";
        }

        if (!double.IsFinite(agent.Mem) || agent.Mem <= 0)
        {
            yield return $"Mem must be positive, got {agent.Mem}.";
        }

        if (!double.IsFinite(agent.Disk) || agent.Disk < 0)
        {
            yield return $"Disk must not be negative, got {agent.Disk}.";
        }

        if (agent.PortsBegin is < 1 or > 65535 || agent.PortsEnd is < 1 or > 65535 || agent.PortsBegin > agent.PortsEnd)
        {
            yield return $"Ports must be a range within 1..65535, got [{agent.PortsBegin}-{agent.PortsEnd}].";
        }

        foreach (var key in agent.Attributes.Keys.Where(string.IsNullOrWhiteSpace))
        {
            yield return $"Attribute name '{key}' is empty.";
        }
    }
}
