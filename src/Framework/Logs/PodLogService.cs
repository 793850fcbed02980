using System.Runtime.CompilerServices;
using System.Text;
using k8s.Models;
using KubeMesos.Framework.Events;
using KubeMesos.Framework.Mesos.Embedded;
using KubeMesos.Framework.Pods;
using KubeMesos.Framework.Scheduling;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace KubeMesos.Framework.Logs;

/// <summary>
/// A container's output, read from its Mesos task sandbox (<c>stdout</c> and <c>stderr</c>) through the agent's <c>/files/read</c>:
/// what <c>kubectl logs</c> and the pod page's log pane show. Following polls the file from the last offset until the
/// pod has finished (or is gone) and nothing more was written.
/// </summary>
public sealed class PodLogService(IObjectStore store, IClusterFeed feed, SandboxLocator sandboxes, IOptions<SchedulerOptions> options, TimeProvider time)
{
    private const int ChunkBytes = 64 * 1024;
    private const int TailWindowBytes = 1024 * 1024;

    /// <summary>How often a follower looks for new output.</summary>
    public static TimeSpan FollowInterval { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The sandbox file of the pod's container; throws <see cref="PodLogException"/> with the reason it has none.</summary>
    public async Task<SandboxFile> LocateAsync(string @namespace, string name, string? container, CancellationToken ct)
    {
        var pod = await store.GetAsync<V1Pod>(@namespace, name, ct).ConfigureAwait(false)
            ?? throw new PodLogException($"pods \"{name}\" not found", notFound: true);
        var names = pod.Spec?.Containers?.Select(c => c.Name).ToList() ?? [];
        if (container is null or "")
        {
            container = names.Count == 1
                ? names[0]
                : throw new PodLogException($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', names)}]");
        }
        else if (!names.Contains(container, StringComparer.Ordinal))
        {
            throw new PodLogException($"container {container} is not valid for pod {name}");
        }

        if (pod.Metadata.Annotations is null || !pod.Metadata.Annotations.TryGetValue(PodViews.AgentIdAnnotation, out var agentId) || agentId.Length == 0)
        {
            throw new PodLogException($"container \"{container}\" in pod \"{name}\" is waiting to start: ContainerCreating");
        }

        var scheduler = feed.Current.Scheduler;
        if (scheduler.FrameworkId is not { } frameworkId || !Uri.TryCreate(scheduler.Master, UriKind.Absolute, out var master))
        {
            throw new PodLogException("the framework is not subscribed to a Mesos master: container logs cannot be read now");
        }

        var filesRead = await sandboxes.FilesReadAsync(master, agentId, ct).ConfigureAwait(false)
            ?? throw new PodLogException($"agent {agentId} of pod {name} is no longer registered with the master: its sandbox cannot be read");
        var nested = options.Value.LaunchMode == LaunchMode.TaskGroup;
        var taskId = PodTaskIds.Task(pod, container);
        var directory = EmbeddedMesosMaster.SandboxDirectory(frameworkId, nested ? PodTaskIds.Executor(pod) : taskId, taskId, nested);
        return new SandboxFile(filesRead, directory + "/stdout", container);
    }

    /// <summary>
    /// The log as text chunks: what is there (or its last lines), then, when following, what is written next. With
    /// <see cref="LogStream.All"/> that is the sandbox's <c>stdout</c>, then its <c>stderr</c> (a sandbox keeps no
    /// timestamps to interleave them by); a follower then gets new output of either as it is written.
    /// </summary>
    public async IAsyncEnumerable<string> ReadAsync(
        string @namespace, string name, SandboxFile file, PodLogRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        var files = request.Stream switch
        {
            LogStream.Stdout => new[] { file.Sibling("stdout") },
            LogStream.Stderr => [file.Sibling("stderr")],
            _ => [file.Sibling("stdout"), file.Sibling("stderr")],
        };
        var sizes = new long[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            // A Mesos sandbox has both files from the start; a missing stderr alone (an older agent) reads as empty.
            sizes[i] = (await sandboxes.ReadAsync(files[i], -1, null, ct).ConfigureAwait(false))?.Offset
                ?? (i > 0 ? 0 : throw new PodLogException($"the sandbox of pod {name} has no {Path.GetFileName(files[i].Path)} yet", notFound: true));
        }

        var budget = request.LimitBytes ?? long.MaxValue;
        var offsets = new long[files.Length];
        if (request.TailLines is { } lines)
        {
            var windows = new StringBuilder();
            for (var i = 0; i < files.Length; i++)
            {
                offsets[i] = Math.Max(0, sizes[i] - TailWindowBytes);
                var window = await ReadRangeAsync(files[i], offsets[i], sizes[i], ct).ConfigureAwait(false);
                offsets[i] += Encoding.UTF8.GetByteCount(window);
                windows.Append(window);
            }

            var tail = LogText.Limit(LogText.Tail(windows.ToString(), lines), budget);
            budget -= Encoding.UTF8.GetByteCount(tail);
            if (tail.Length > 0)
            {
                yield return tail;
            }
        }
        else
        {
            // What is there now, file by file: stdout whole before stderr.
            for (var i = 0; i < files.Length && budget > 0; i++)
            {
                while (budget > 0 && offsets[i] < sizes[i]
                       && await sandboxes.ReadAsync(files[i], offsets[i], Math.Min(ChunkBytes, sizes[i] - offsets[i]), ct).ConfigureAwait(false) is { Data.Length: > 0 } read)
                {
                    offsets[i] += Encoding.UTF8.GetByteCount(read.Data);
                    var text = LogText.Limit(read.Data, budget);
                    budget -= Encoding.UTF8.GetByteCount(text);
                    yield return text;
                }
            }
        }

        // Without follow, the answer is what was there when the request came (as --tail counted it).
        while (budget > 0 && request.Follow)
        {
            var wrote = false;
            for (var i = 0; i < files.Length && budget > 0; i++)
            {
                var data = (await sandboxes.ReadAsync(files[i], offsets[i], ChunkBytes, ct).ConfigureAwait(false))?.Data ?? "";
                if (data.Length > 0)
                {
                    offsets[i] += Encoding.UTF8.GetByteCount(data);
                    var text = LogText.Limit(data, budget);
                    budget -= Encoding.UTF8.GetByteCount(text);
                    wrote = true;
                    yield return text;
                }
            }

            if (wrote)
            {
                continue;
            }

            if (await FinishedAsync(@namespace, name, ct).ConfigureAwait(false))
            {
                // One last look: the final lines may have been written just before the pod finished.
                for (var i = 0; i < files.Length && budget > 0; i++)
                {
                    if ((await sandboxes.ReadAsync(files[i], offsets[i], ChunkBytes, ct).ConfigureAwait(false))?.Data is { Length: > 0 } last)
                    {
                        var text = LogText.Limit(last, budget);
                        budget -= Encoding.UTF8.GetByteCount(text);
                        yield return text;
                    }
                }

                yield break;
            }

            await Task.Delay(FollowInterval, time, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> ReadRangeAsync(SandboxFile file, long from, long to, CancellationToken ct)
    {
        var text = new StringBuilder();
        while (from < to && await sandboxes.ReadAsync(file, from, Math.Min(ChunkBytes, to - from), ct).ConfigureAwait(false) is { Data.Length: > 0 } read)
        {
            text.Append(read.Data);
            from += Encoding.UTF8.GetByteCount(read.Data);
        }

        return text.ToString();
    }

    private async Task<bool> FinishedAsync(string @namespace, string name, CancellationToken ct)
    {
        var pod = await store.GetAsync<V1Pod>(@namespace, name, ct).ConfigureAwait(false);
        // A deleted pod is followed until it is gone, so its containers' last words (the kill) are read too.
        return pod is null || pod.Status?.Phase is PodPhases.Succeeded or PodPhases.Failed;
    }
}
