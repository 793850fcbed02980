using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Dashboard.Configuration;

/// <summary>Dashboard settings, bound from the <c>Dashboard</c> section and validated at start.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// The longest a live view waits for the browser to show its last render before it renders the next batch. A view
    /// renders a change at once and takes the next batch when the browser has shown it; changes arriving meanwhile are
    /// applied together, so a busy browser gets fewer, larger renders. This caps the wait when no acknowledgement comes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RenderThrottle { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// The shortest time between two renders of a live view, however fast the browser shows them: a busy cluster costs
    /// at most 1/interval renders a second per page, not one per change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RenderInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How many recent placements the Scheduling page lists.</summary>
    [Range(1, 200)]
    public int PlacementsShown { get; set; } = 25;
}
