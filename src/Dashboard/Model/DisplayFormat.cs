using System.Globalization;

namespace KubeMesos.Dashboard.Model;

/// <summary>How the dashboard writes numbers and times.</summary>
public static class DisplayFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count with thousands separators, whatever the server's culture: <c>10,200</c>.</summary>
    public static string Count(int count) => count.ToString("N0", Invariant);

    /// <summary>CPUs with two decimals: <c>0.50</c>.</summary>
    public static string Cpus(double cpus) => cpus.ToString("0.00", Invariant);

    /// <summary>Memory given in MiB: <c>256 MiB</c> below 1 GiB, else <c>1.50 GiB</c>.</summary>
    public static string Memory(double mebibytes) => Math.Abs(mebibytes) >= 1024
        ? (mebibytes / 1024).ToString("0.00", Invariant) + " GiB"
        : mebibytes.ToString("0", Invariant) + " MiB";

    /// <summary>A relative age: <c>just now</c>, <c>42s ago</c>, <c>5m ago</c>, <c>2h 5m ago</c>, <c>3d ago</c>.</summary>
    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        if (age < TimeSpan.FromSeconds(1))
        {
            return "just now";
        }

        if (age < TimeSpan.FromMinutes(1))
        {
            return $"{(int)age.TotalSeconds}s ago";
        }

        if (age < TimeSpan.FromHours(1))
        {
            return $"{(int)age.TotalMinutes}m ago";
        }

        if (age < TimeSpan.FromDays(1))
        {
            return age.Minutes == 0 ? $"{(int)age.TotalHours}h ago" : $"{(int)age.TotalHours}h {age.Minutes}m ago";
        }

        return $"{(int)age.TotalDays}d ago";
    }

    /// <summary>A timestamp for tooltips: <c>2025-01-31 14:05:09Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", Invariant);
}
