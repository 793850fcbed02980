using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// <c>watch=true</c>: newline-delimited JSON events (<c>{"type":"ADDED","object":{...}}</c>), flushed one by one.
/// Without a resource version (or with "0") the current objects come first as ADDED, as the API server does; a
/// resume point the store no longer has ends the stream with an ERROR event carrying a 410 Expired Status.
/// </summary>
internal sealed class WatchResult<T> : IResult
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceHandler<T> _handler;
    private readonly ApiContext _api;
    private readonly string? _namespace;
    private readonly LabelSelector _labels;
    private readonly FieldSelector<T> _fields;
    private readonly long? _after;
    private readonly TableRequest? _table;
    private readonly TimeSpan? _timeout;
    private readonly bool _bookmarks;

    public WatchResult(ResourceHandler<T> handler, ApiContext api, string? @namespace, LabelSelector labels, FieldSelector<T> fields,
        string? resourceVersion, TableRequest? table, TimeSpan? timeout, bool bookmarks)
    {
        _handler = handler;
        _api = api;
        _namespace = @namespace;
        _labels = labels;
        _fields = fields;
        _table = table;
        _timeout = timeout;
        _bookmarks = bookmarks;
        _after = resourceVersion is null or "" or "0"
            ? null
            : long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : throw ApiStatus.BadRequest($"invalid resourceVersion: {resourceVersion}");
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        if (_timeout is { } timeout)
        {
            stop.CancelAfter(timeout);
        }

        var token = stop.Token;
        try
        {
            await response.StartAsync(token);
            await response.Body.FlushAsync(token);
            var after = _after;
            if (after is null)
            {
                var current = await _api.Store.ListAsync<T>(new StoreListOptions(_namespace, _labels), token);
                foreach (var item in current.Items.Where(_fields.Matches))
                {
                    await WriteAsync(response, "ADDED", item, token);
                }

                after = current.ResourceVersion;
            }

            await using var events = _api.Store.WatchAsync<T>(_namespace, after, token).GetAsyncEnumerator(token);
            var bookmarkEvery = _bookmarks && _api.Options.BookmarkInterval > TimeSpan.Zero ? _api.Options.BookmarkInterval : Timeout.InfiniteTimeSpan;
            var bookmark = Task.Delay(bookmarkEvery, _api.Clock, token);
            var lastVersion = after.Value;
            var next = events.MoveNextAsync().AsTask();
            try
            {
                while (true)
                {
                    if (await Task.WhenAny(next, bookmark) == bookmark)
                    {
                        await bookmark;
                        await WriteBookmarkAsync(response, lastVersion, token);
                        bookmark = Task.Delay(bookmarkEvery, _api.Clock, token);
                        continue;
                    }

                    if (!await next)
                    {
                        break;
                    }

                    var change = events.Current;
                    lastVersion = change.ResourceVersion;
                    if (_labels.Matches(change.Object.Metadata?.Labels?.AsReadOnly()) && _fields.Matches(change.Object))
                    {
                        await WriteAsync(response, change.Type switch
                        {
                            StoreWatchEventType.Added => "ADDED",
                            StoreWatchEventType.Modified => "MODIFIED",
                            _ => "DELETED",
                        }, change.Object, token);
                    }

                    next = events.MoveNextAsync().AsTask();
                }
            }
            finally
            {
                // An async iterator cannot be disposed while a MoveNextAsync is pending: let it see the cancellation first.
                stop.Cancel();
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (StoreVersionGoneException ex)
        {
            await WriteLineAsync(response, new JsonObject
            {
                ["type"] = "ERROR",
                ["object"] = StatusJson.ToNode(ApiStatus.Expired(ex.Message)),
            }, httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away or the watch's timeoutSeconds passed: the stream simply ends.
        }
    }

    private Task WriteAsync(HttpResponse response, string type, T obj, CancellationToken token)
    {
        _handler.WithKind(obj);
        JsonNode node = _table is { } table
            ? JsonNode.Parse(KubernetesJson.Serialize(Tables.Build(_handler.Definition, [obj], table, obj.Metadata.ResourceVersion, null, _api.Clock.GetUtcNow())))!
            : ResourceHandler<T>.ToNode(obj);
        return WriteLineAsync(response, new JsonObject { ["type"] = type, ["object"] = node }, token);
    }

    private Task WriteBookmarkAsync(HttpResponse response, long version, CancellationToken token) =>
        WriteLineAsync(response, new JsonObject
        {
            ["type"] = "BOOKMARK",
            ["object"] = new JsonObject
            {
                ["kind"] = _handler.Definition.Kind,
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
            },
        }, token);

    private static async Task WriteLineAsync(HttpResponse response, JsonObject line, CancellationToken token)
    {
        await response.WriteAsync(line.ToJsonString() + "\n", token);
        await response.Body.FlushAsync(token);
    }
}
