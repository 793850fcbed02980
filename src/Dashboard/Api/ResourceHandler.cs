using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Store;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The verbs of one kind over the object store: list (selectors, paging, tables, watch), get, create, update,
/// patch, delete. Every refusal is a Kubernetes <c>Status</c>.
/// </summary>
internal sealed class ResourceHandler<T>(ResourceDefinition<T> definition)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public ResourceDefinition<T> Definition { get; } = definition;

    public Task<IResult> ListAsync(HttpContext http, string? @namespace, ApiContext api) => Guard(null, async () =>
    {
        var query = http.Request.Query;
        var labels = ApiSelectors.Labels(query["labelSelector"]);
        var fields = FieldSelector<T>.Parse(query["fieldSelector"], Definition.Fields);
        if (IsTrue(query["watch"]))
        {
            return new WatchResult<T>(this, api, @namespace, labels, fields, query["resourceVersion"], Tables.Requested(http.Request), TimeoutOf(query["timeoutSeconds"]), IsTrue(query["allowWatchBookmarks"]));
        }

        var limit = query["limit"].ToString() is { Length: > 0 } l
            ? int.TryParse(l, out var n) && n >= 0 ? n : throw ApiStatus.BadRequest($"invalid limit: {l}")
            : (int?)null;
        StoreList<T> page;
        try
        {
            page = await api.Store.ListAsync<T>(new StoreListOptions(@namespace, labels, limit is 0 ? null : limit, query["continue"].ToString() is { Length: > 0 } c ? c : null), http.RequestAborted);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw ApiStatus.BadRequest($"invalid continue token: {ex.Message}");
        }

        var items = page.Items.Where(fields.Matches).ToList();
        var version = page.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Tables.Requested(http.Request) is { } table)
        {
            return KubeJsonResult.Ok(Tables.Build(Definition, items, table, version, page.Continue, api.Clock.GetUtcNow()));
        }

        return KubeJsonResult.Ok(ListObject(items, version, page.Continue));
    });

    public Task<IResult> GetAsync(HttpContext http, string? @namespace, string name, ApiContext api) => Guard(name, async () =>
    {
        var obj = await api.Store.GetAsync<T>(@namespace, name, http.RequestAborted) ?? throw ApiStatus.NotFound(Definition.Plural, name);
        if (Tables.Requested(http.Request) is { } table)
        {
            return KubeJsonResult.Ok(Tables.Build(Definition, [obj], table, obj.Metadata.ResourceVersion, null, api.Clock.GetUtcNow()));
        }

        return KubeJsonResult.Ok(WithKind(obj));
    });

    public Task<IResult> CreateAsync(HttpContext http, string? @namespace, ApiContext api) => Guard(null, async () =>
    {
        var body = await RequestBodies.ReadBodyAsync<T>(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        var obj = Decode(body.Node, body.Utf8);
        // The body was decoded for this create alone: the store takes it instead of copying it.
        var created = await CreateObjectAsync(obj, @namespace, api, IsDryRun(http), http.RequestAborted, handOver: true);
        return KubeJsonResult.Created(created);
    });

    /// <summary>Defaults, validates and stores a new object (also the create half of server-side apply).</summary>
    /// <param name="handOver">The caller never touches <paramref name="obj"/> again (see <see cref="IObjectStore.CreateHandedOverAsync{T}"/>).</param>
    public async Task<T> CreateObjectAsync(T obj, string? @namespace, ApiContext api, bool dryRun, CancellationToken cancellationToken, bool handOver = false)
    {
        obj.Metadata ??= new V1ObjectMeta();
        var meta = obj.Metadata;
        CheckNamespace(meta, @namespace);
        if (string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName))
        {
            meta.Name = meta.GenerateName + RandomSuffix();
        }

        meta.Uid = null;
        meta.ResourceVersion = null;
        meta.CreationTimestamp = null;
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        meta.Generation = null;
        Definition.Default?.Invoke(obj, api);
        Definition.PrepareForCreate?.Invoke(obj);
        Validate(obj);
        if (Definition.Namespaced)
        {
            await EnsureNamespaceAsync(api, meta.NamespaceProperty!, cancellationToken);
        }

        if (dryRun)
        {
            return WithKind(obj);
        }

        var name = meta.Name!;
        try
        {
            return WithKind(await (handOver ? api.Store.CreateHandedOverAsync(obj, cancellationToken) : api.Store.CreateAsync(obj, cancellationToken)));
        }
        catch (StoreConflictException)
        {
            throw ApiStatus.AlreadyExists(Definition.Plural, name);
        }
    }

    public Task<IResult> UpdateAsync(HttpContext http, string? @namespace, string name, ApiContext api) => Guard(name, async () =>
    {
        var body = await RequestBodies.ReadBodyAsync<T>(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        var obj = Decode(body.Node, body.Utf8);
        var old = await api.Store.GetAsync<T>(@namespace, name, http.RequestAborted) ?? throw ApiStatus.NotFound(Definition.Plural, name);
        var updated = PrepareUpdate(old, obj, @namespace, name);
        return KubeJsonResult.Ok(await StoreUpdateAsync(updated, api, IsDryRun(http), http.RequestAborted));
    });

    public Task<IResult> PatchAsync(HttpContext http, string? @namespace, string name, ApiContext api) => Guard(name, async () =>
    {
        var patchType = RequestBodies.MediaType(http.Request, RequestBodies.PatchTypes);
        var patch = await RequestBodies.ReadTextAsync(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        var applied = patchType == RequestBodies.ApplyPatch ? RequestBodies.ParseYamlObject<T>(http, patch) : null;
        if (patchType is RequestBodies.MergePatch or RequestBodies.StrategicMergePatch)
        {
            // The patch has the object's shape: its unknown fields are the ones the patched object would lose.
            RequestBodies.ParseJsonObject<T>(http, patch);
        }

        var checkedJsonPatch = false;
        return await ConflictRetry.RunAsync(async _ =>
        {
            var old = await api.Store.GetAsync<T>(@namespace, name, http.RequestAborted);
            if (old is null)
            {
                if (applied is null)
                {
                    throw ApiStatus.NotFound(Definition.Plural, name);
                }

                var fresh = Decode(applied);
                fresh.Metadata ??= new V1ObjectMeta();
                CheckName(fresh.Metadata, name);
                return KubeJsonResult.Created(await CreateObjectAsync(fresh, @namespace, api, IsDryRun(http), http.RequestAborted));
            }

            var node = ToNode(old);
            if (applied is not null)
            {
                CheckKind(applied);
                Patching.StrategicMerge(node, applied);
            }
            else
            {
                node = Patching.Apply(node, patchType, patch);
                if (patchType == RequestBodies.JsonPatch && !checkedJsonPatch)
                {
                    // A JSON patch names paths, not fields: what it added that the kind lacks shows in the result.
                    FieldValidation.Enforce<T>(http, node, []);
                    checkedJsonPatch = true;
                }
            }

            var patched = Decode(node);
            var updated = PrepareUpdate(old, patched, @namespace, name);
            try
            {
                return KubeJsonResult.Ok(await StoreUpdateAsync(updated, api, IsDryRun(http), http.RequestAborted));
            }
            catch (ApiException ex) when (IsConflict(ex) && updated.Metadata.ResourceVersion != old.Metadata.ResourceVersion)
            {
                // The patch asked for a version, and it is gone: that conflict is the client's to see. Without one, a
                // write between our read and ours is retried on the newer object.
                return KubeJsonResult.From(ex.Status);
            }
        }, IsConflict);
    });

    public Task<IResult> DeleteAsync(HttpContext http, string? @namespace, string name, ApiContext api) => Guard(name, async () =>
    {
        var request = await ReadDeleteRequestAsync(http, api);
        return DeletedAnswer(await DeleteAsync(@namespace, name, request, api, http.RequestAborted));
    });

    /// <summary>
    /// A delete as the API makes it: preconditions, the kind's own deletion (a pod's graceful one), a dry run, the
    /// propagation policy of a kind with dependents. Without a resourceVersion precondition a write in between (a
    /// controller's status) is not the caller's conflict: like the API server's guaranteed update, read again and retry.
    /// </summary>
    /// <returns>The object as deleted, or as it stands when its deletion only began.</returns>
    public Task<T> DeleteAsync(string? @namespace, string name, DeleteRequest request, ApiContext api, CancellationToken cancellationToken) =>
        ConflictRetry.RunAsync(
            async _ =>
            {
                var obj = await api.Store.GetAsync<T>(@namespace, name, cancellationToken) ?? throw ApiStatus.NotFound(Definition.Plural, name);
                if (request.PreconditionUid is { } uid && uid != obj.Metadata.Uid)
                {
                    throw new ApiException(ApiStatus.Failure(409, "Conflict",
                        $"Precondition failed: UID in precondition: {uid}, UID in object meta: {obj.Metadata.Uid}", new V1StatusDetails { Name = name, Kind = Definition.Plural }));
                }

                if (Definition.Delete is { } hook && await hook(obj, request, api, cancellationToken) is { } answered)
                {
                    return answered;
                }

                if (request.DryRun)
                {
                    return WithKind(obj);
                }

                if (Definition.HasDependents && request.PropagationPolicy is { } policy)
                {
                    return await DeleteWithPolicyAsync(obj, policy, request.PreconditionResourceVersion, api, cancellationToken);
                }

                return await DeleteObjectAsync(api, @namespace, name, request.PreconditionResourceVersion, cancellationToken);
            },
            ex => request.PreconditionResourceVersion is null && IsConflict(ex) && !IsUidPrecondition(ex));

    /// <summary>
    /// Annotates the object with the propagation policy, then deletes exactly that version: the controllers see the
    /// deleted object's last state and so whether to take its pods along.
    /// </summary>
    private async Task<T> DeleteWithPolicyAsync(T obj, string policy, string? precondition, ApiContext api, CancellationToken cancellationToken)
    {
        obj.Metadata.Annotations ??= new Dictionary<string, string>();
        obj.Metadata.Annotations[DeletionHints.PropagationPolicyAnnotation] = policy;
        obj.Metadata.ResourceVersion = precondition ?? obj.Metadata.ResourceVersion;
        var annotated = await StoreUpdateAsync(obj, api, false, cancellationToken);
        return await DeleteObjectAsync(api, obj.Metadata.NamespaceProperty, obj.Metadata.Name, annotated.Metadata.ResourceVersion, cancellationToken);
    }

    /// <summary>A 409 Conflict (the object changed), not an AlreadyExists.</summary>
    public static bool IsConflict(Exception ex) => ex is ApiException { Status.Reason: "Conflict" };

    private static bool IsUidPrecondition(Exception ex) => ex is ApiException api && api.Status.Message?.StartsWith("Precondition failed", StringComparison.Ordinal) == true;

    public async Task<T> DeleteObjectAsync(ApiContext api, string? @namespace, string name, string? expectedResourceVersion, CancellationToken cancellationToken)
    {
        try
        {
            return WithKind(await api.Store.DeleteAsync<T>(@namespace, name, expectedResourceVersion, cancellationToken));
        }
        catch (StoreConflictException)
        {
            throw ApiStatus.Conflict(Definition.Plural, name);
        }
    }

    public IResult DeletedAnswer(T obj) =>
        Definition.ReturnDeletedObject ? KubeJsonResult.Ok(WithKind(obj)) : KubeJsonResult.Ok(ApiStatus.Success(Definition.Plural, obj.Metadata.Name, obj.Metadata.Uid));

    /// <summary>Defaults, validates and writes an update; a stale resource version is a 409 Conflict.</summary>
    public async Task<T> StoreUpdateAsync(T obj, ApiContext api, bool dryRun, CancellationToken cancellationToken)
    {
        Definition.Default?.Invoke(obj, api);
        Validate(obj);
        if (dryRun)
        {
            return WithKind(obj);
        }

        try
        {
            return WithKind(await api.Store.UpdateAsync(obj, cancellationToken));
        }
        catch (StoreConflictException)
        {
            throw ApiStatus.Conflict(Definition.Plural, obj.Metadata.Name);
        }
    }

    /// <summary>
    /// An update of the main resource as the API server makes it: identity from the URL, what the server owns (uid,
    /// creation time, deletion, generation, status) kept from the stored object.
    /// </summary>
    public T PrepareUpdate(T old, T updated, string? @namespace, string name)
    {
        updated.Metadata ??= new V1ObjectMeta();
        CheckName(updated.Metadata, name);
        CheckNamespace(updated.Metadata, @namespace);
        var oldNode = ToNode(old);
        var newNode = ToNode(updated);
        if (Definition.HasStatus)
        {
            newNode["status"] = oldNode["status"]?.DeepClone();
        }

        var result = Decode(newNode);
        var meta = result.Metadata;
        meta.Uid = old.Metadata.Uid;
        meta.CreationTimestamp = old.Metadata.CreationTimestamp;
        meta.DeletionTimestamp = old.Metadata.DeletionTimestamp;
        meta.DeletionGracePeriodSeconds = old.Metadata.DeletionGracePeriodSeconds;
        meta.Generation = old.Metadata.Generation; // the store bumps it when more than metadata and status changed
        return result;
    }

    public void Validate(T obj)
    {
        var errors = Definition.Validate(obj);
        if (errors.Count > 0)
        {
            throw ApiStatus.Invalid(Definition.Kind, obj.Metadata?.Name ?? obj.Metadata?.GenerateName ?? "", errors);
        }
    }

    /// <summary>The object from a JSON tree; 400 when its kind or apiVersion is another's or it does not decode.</summary>
    /// <param name="utf8">The tree's JSON text when there is one (<see cref="RequestBodies.ReadBodyAsync{T}"/>): decoded instead of the tree when no null had to become a zero value.</param>
    public T Decode(JsonObject node, byte[]? utf8 = null)
    {
        CheckKind(node);
        if (Definition.ValidateJson?.Invoke(node) is { Count: > 0 } errors)
        {
            throw ApiStatus.Invalid(Definition.Kind, node["metadata"]?["name"]?.ToString() ?? "", errors);
        }

        var rewritten = NullElements.ToZeroValues(node, typeof(T));
        try
        {
            var obj = utf8 is null || rewritten ? KubernetesJson.Deserialize<T>(node) : KubernetesUtf8Json.Deserialize<T>(utf8)!;
            obj.ApiVersion = "v1";
            obj.Kind = Definition.Kind;
            return obj;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw ApiStatus.BadRequest($"{Definition.Kind} in version \"v1\" cannot be handled as a {Definition.Kind}: {ex.Message}");
        }
    }

    public static JsonObject ToNode(object obj) => JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();

    public T WithKind(T obj)
    {
        obj.ApiVersion = "v1";
        obj.Kind = Definition.Kind;
        return obj;
    }

    public JsonObject ListObject(IEnumerable<T> items, string? resourceVersion, string? @continue)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (@continue is not null)
        {
            metadata["continue"] = @continue;
        }

        return new JsonObject
        {
            ["kind"] = Definition.ListKind,
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)ToNode(WithKind(i))).ToArray()),
        };
    }

    public static async Task EnsureNamespaceAsync(ApiContext api, string @namespace, CancellationToken cancellationToken)
    {
        if (!await api.Store.ExistsAsync<V1Namespace>(null, @namespace, cancellationToken))
        {
            throw ApiStatus.NotFound("namespaces", @namespace);
        }
    }

    /// <summary>Runs a handler and turns refusals (ours and the store's) into Status answers.</summary>
    public async Task<IResult> Guard(string? name, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (Exception ex) when (StatusOf(ex, name) is { } status)
        {
            return KubeJsonResult.From(status);
        }
    }

    /// <summary>The Status a refusal (ours or the store's) answers with; null for an exception that is no refusal.</summary>
    public V1Status? StatusOf(Exception ex, string? name) => ex switch
    {
        ApiException api => api.Status,
        StoreNotFoundException => ApiStatus.NotFound(Definition.Plural, name ?? "").Status,
        StoreConflictException conflict => (conflict.AlreadyExists ? ApiStatus.AlreadyExists(Definition.Plural, name ?? "") : ApiStatus.Conflict(Definition.Plural, name ?? "")).Status,
        StoreVersionGoneException gone => ApiStatus.Expired(gone.Message),
        // The store's word for a resource version or continue token it never issued.
        ArgumentException argument => ApiStatus.BadRequest(argument.Message).Status,
        _ => null,
    };

    private void CheckKind(JsonObject node)
    {
        if (node["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k.Length > 0 && k != Definition.Kind)
        {
            throw ApiStatus.BadRequest($"the kind of the object ({k}) does not match the resource ({Definition.Plural}, kind {Definition.Kind})");
        }

        if (node["apiVersion"] is JsonValue version && version.TryGetValue<string>(out var v) && v.Length > 0 && v != "v1")
        {
            throw ApiStatus.BadRequest($"the API version in the data ({v}) does not match the expected API version (v1)");
        }
    }

    private void CheckNamespace(V1ObjectMeta meta, string? @namespace)
    {
        if (!Definition.Namespaced)
        {
            return;
        }

        if (string.IsNullOrEmpty(meta.NamespaceProperty))
        {
            meta.NamespaceProperty = @namespace;
        }
        else if (meta.NamespaceProperty != @namespace)
        {
            throw ApiStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static void CheckName(V1ObjectMeta meta, string name)
    {
        if (string.IsNullOrEmpty(meta.Name))
        {
            meta.Name = name;
        }
        else if (meta.Name != name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({meta.Name}) does not match the name on the URL ({name})");
        }
    }

    private static async Task<DeleteRequest> ReadDeleteRequestAsync(HttpContext http, ApiContext api)
    {
        var query = http.Request.Query;
        V1DeleteOptions? options = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = await RequestBodies.ReadObjectAsync<V1DeleteOptions>(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted);
            try
            {
                options = KubernetesJson.Deserialize<V1DeleteOptions>(body.ToJsonString());
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw ApiStatus.BadRequest($"the DeleteOptions could not be decoded: {ex.Message}");
            }
        }

        long? grace = query["gracePeriodSeconds"].ToString() is { Length: > 0 } g
            ? long.TryParse(g, out var seconds) && seconds >= 0 ? seconds : throw ApiStatus.BadRequest($"invalid gracePeriodSeconds: {g}")
            : options?.GracePeriodSeconds;
        var policy = query["propagationPolicy"].ToString() is { Length: > 0 } p ? p : options?.PropagationPolicy;
        if (policy is null && options?.OrphanDependents is { } orphan)
        {
            policy = orphan ? "Orphan" : "Background";
        }

        if (policy is not (null or "Orphan" or "Background" or "Foreground"))
        {
            throw ApiStatus.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }

        var dryRun = IsDryRun(http) || options?.DryRun?.Contains("All") == true;
        return new DeleteRequest(grace, policy, options?.Preconditions?.ResourceVersion, options?.Preconditions?.Uid, dryRun);
    }

    private static bool IsDryRun(HttpContext http) => http.Request.Query["dryRun"].Contains("All");

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is "true" or "1";

    private static TimeSpan? TimeoutOf(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString() is { Length: > 0 } s ? long.TryParse(s, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw ApiStatus.BadRequest($"invalid timeoutSeconds: {s}") : null;

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
