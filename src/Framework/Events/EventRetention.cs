using k8s.Models;
using KubeMesos.Framework.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Events;

/// <summary>
/// Deletes Kubernetes Events older than <see cref="EventRetentionOptions.Ttl"/>, every
/// <see cref="EventRetentionOptions.SweepInterval"/>, a page at a time. An Event repeated since (its count went up) has
/// a newer <c>lastTimestamp</c> and stays; one deleted meanwhile by someone else is skipped.
/// </summary>
public sealed partial class EventRetention(
    IObjectStore store, IOptions<EventRetentionOptions> options, TimeProvider timeProvider, ILogger<EventRetention> logger) : BackgroundService
{
    private const int PageSize = 500;

    /// <summary>Events deleted so far (for tests and diagnostics).</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    private long _deleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass over all Events; returns how many were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow().UtcDateTime - options.Value.Ttl;
        var deleted = 0;
        string? next = null;
        do
        {
            var page = await store.ListAsync<Corev1Event>(new StoreListOptions(Limit: PageSize, Continue: next), cancellationToken).ConfigureAwait(false);
            foreach (var e in page.Items.Where(e => LastSeen(e) is { } seen && seen < cutoff))
            {
                try
                {
                    // Only this version: a repeat recorded meanwhile made it young again.
                    await store.DeleteAsync<Corev1Event>(e.Metadata.NamespaceProperty, e.Metadata.Name, e.Metadata.ResourceVersion, cancellationToken).ConfigureAwait(false);
                    deleted++;
                }
                catch (Exception ex) when (ex is StoreNotFoundException or StoreConflictException)
                {
                    // Gone already, or recorded again since the list.
                }
            }

            next = page.Continue;
        }
        while (next is not null);

        Interlocked.Add(ref _deleted, deleted);
        if (deleted > 0)
        {
            LogSwept(deleted, options.Value.Ttl);
        }

        return deleted;
    }

    private static DateTime? LastSeen(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp;

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} Events older than {Ttl}")]
    private partial void LogSwept(int count, TimeSpan ttl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event retention sweep failed; retrying at the next interval")]
    private partial void LogSweepFailed(Exception ex);
}
