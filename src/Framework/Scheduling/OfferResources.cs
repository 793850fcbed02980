using Mesos.V1;

namespace KubeMesos.Framework.Scheduling;

/// <summary>Reads what an offer holds.</summary>
public static class OfferResources
{
    public static ResourceDemand Scalars(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        double cpus = 0, mem = 0, disk = 0;
        // Indexed: a repeated field's enumerator is an iterator object, and this runs for every offer.
        for (var i = 0; i < offer.Resources.Count; i++)
        {
            var resource = offer.Resources[i];
            if (resource.Type != Value.Types.Type.Scalar || resource.Scalar is null)
            {
                continue;
            }

            switch (resource.Name)
            {
                case "cpus": cpus += resource.Scalar.Value; break;
                case "mem": mem += resource.Scalar.Value; break;
                case "disk": disk += resource.Scalar.Value; break;
            }
        }

        return new ResourceDemand(cpus, mem, disk);
    }

    /// <summary>Port ranges as Mesos prints them: <c>[31000-31099, 31200-31999]</c>.</summary>
    public static string Ports(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var ranges = offer.Resources
            .Where(r => r.Name == "ports" && r.Ranges is not null)
            .SelectMany(r => r.Ranges.Range)
            .Select(r => r.Begin == r.End ? $"{r.Begin}" : $"{r.Begin}-{r.End}")
            .ToList();
        return ranges.Count == 0 ? string.Empty : $"[{string.Join(", ", ranges)}]";
    }

    /// <summary>Agent attributes as text (the node labels a selector matches later).</summary>
    public static IReadOnlyDictionary<string, string> Attributes(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in offer.Attributes)
        {
            attributes[attribute.Name] = attribute.Type switch
            {
                Value.Types.Type.Text => attribute.Text?.Value ?? string.Empty,
                Value.Types.Type.Scalar => attribute.Scalar?.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                Value.Types.Type.Set => string.Join(",", attribute.Set?.Item ?? []),
                Value.Types.Type.Ranges => string.Join(",", attribute.Ranges?.Range.Select(r => $"{r.Begin}-{r.End}") ?? []),
                _ => string.Empty,
            };
        }

        return attributes;
    }
}
