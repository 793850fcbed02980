using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Dashboard.Configuration;

/// <summary>Dashboard settings, bound from the <c>Dashboard</c> section and validated at start.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// The shortest time between two renders of a live view. Changes arriving meanwhile are applied together in the
    /// next render, so a busy cluster costs a few renders a second, not one per change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RenderThrottle { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How many recent placements the Scheduling page lists.</summary>
    [Range(1, 200)]
    public int PlacementsShown { get; set; } = 25;
}
