using System.ComponentModel.DataAnnotations;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// The limit on writes (<c>RateLimit:*</c>): each client (a user, else an address) gets a token bucket of
/// <see cref="Burst"/> writes refilled at <see cref="WritesPerSecond"/>; past it a write gets <c>429</c> with
/// <c>Retry-After</c>, which kubectl and the client libraries honour by retrying. Reads are never limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Off only for benchmarks and load tests that write faster than any person or script would.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int WritesPerSecond { get; set; } = 100;

    /// <summary>Writes a client may make at once before the rate applies (a <c>kubectl apply</c> of a large folder).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 500;
}
