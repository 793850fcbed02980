using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Dashboard.Components.Layout;

/// <summary>
/// Wraps the page: an exception from a render, a lifecycle method or a click handler is logged and shown in place of
/// the page, and the circuit (the drawer, the app bar, other pages) goes on. Navigating, or "Try again", recovers.
/// </summary>
public sealed class ShellErrorBoundary : ErrorBoundary
{
    [Inject]
    private ILogger<ShellErrorBoundary> Logger { get; set; } = null!;

    /// <summary>The last exception shown (for the error panel and tests).</summary>
    public Exception? Error => CurrentException;

    protected override Task OnErrorAsync(Exception exception)
    {
        Logger.LogError(exception, "A page failed; the error is shown and the circuit goes on");
        return Task.CompletedTask;
    }

    /// <summary>Shows the page again.</summary>
    public void Reset() => Recover();
}
