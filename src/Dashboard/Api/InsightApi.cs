using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeMesos.Framework.Scheduling.Insight;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// The <c>kubemesos.io/v1</c> extension group: why a pod waits (<c>pods/{name}/explanation</c>) and "will it fit?"
/// (<c>fit</c>, a dry run that reserves and launches nothing). Answers come from the scheduler loop through
/// <see cref="SchedulerInsight"/>.
/// </summary>
internal static class InsightApi
{
    public const string Group = "kubemesos.io";
    public const string Version = "v1";
    public const string Prefix = "/apis/" + Group + "/" + Version;
    public const int MaxReplicas = 10_000;

    // The loop answers between two batches; one that takes longer than this is stuck, not busy.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapInsightApi(this WebApplication app)
    {
        var group = app.MapGroup(Prefix).DisableAntiforgery();
        group.MapGet("", () => KubeJsonResult.Ok(Resources()));
        group.MapGet("/namespaces/{namespace}/pods/{name}/explanation", ExplainAsync).RequireLeader();
        group.MapPost("/namespaces/{namespace}/fit", FitAsync).RequireLeader();
    }

    public static V1APIGroup ApiGroup() => new()
    {
        Name = Group,
        Versions = [new V1GroupVersionForDiscovery { GroupVersion = $"{Group}/{Version}", Version = Version }],
        PreferredVersion = new V1GroupVersionForDiscovery { GroupVersion = $"{Group}/{Version}", Version = Version },
    };

    public static V1APIResourceList Resources() => new()
    {
        Kind = "APIResourceList",
        ApiVersion = "v1",
        GroupVersion = $"{Group}/{Version}",
        Resources =
        [
            new V1APIResource { Name = "pods/explanation", SingularName = "", Namespaced = true, Kind = "PodExplanation", Verbs = ["get"] },
            new V1APIResource { Name = "fit", SingularName = "fit", Namespaced = true, Kind = "Fit", Verbs = ["create"] },
            new V1APIResource { Name = "leader", SingularName = "leader", Namespaced = false, Kind = "Leader", Verbs = ["get"] },
        ],
    };

    private static async Task<IResult> ExplainAsync(string @namespace, string name, ApiContext api, SchedulerInsight insight, HttpContext http)
    {
        if (await api.Store.GetAsync<V1Pod>(@namespace, name, http.RequestAborted) is not { } pod)
        {
            return KubeJsonResult.From(ApiStatus.NotFound("pods", name).Status);
        }

        var key = $"{@namespace}/{name}";
        var explanation = await AskAsync(ct => insight.ExplainAsync(key, ct), http.RequestAborted);
        if (explanation is null && pod.Spec?.NodeName is not { Length: > 0 })
        {
            // The store has it, the loop has not heard of it yet.
            explanation = new PodExplanation(key, WaitingKind.WaitsForOffer, "not attempted yet: waits for a placement pass", null, [], null);
        }

        explanation ??= new PodExplanation(key, WaitingKind.Scheduled, $"placed on {pod.Spec!.NodeName}", null, [], null);
        return Results.Json(new
        {
            pod = explanation.Pod,
            kind = explanation.Kind.ToString(),
            summary = explanation.Summary,
            attemptedAt = explanation.AttemptedAt,
            agents = explanation.Agents.Select(a => new
            {
                agent = a.Hostname,
                agentId = a.AgentId,
                fits = a.Fits,
                filters = a.Filters.Select(f => new { name = f.Name, passed = f.Passed, reason = f.Reason, code = f.Code.ToString() }),
                score = a.Score,
            }),
            placement = explanation.Placement is { } p ? new
            {
                agent = p.Hostname,
                agentId = p.AgentId,
                placedAt = p.PlacedAt,
                strategy = p.Strategy,
                score = p.Score,
                runnersUp = p.RunnersUp?.Select(r => new { agent = r.Hostname, score = r.Score }),
                waitedSeconds = p.Waited?.TotalSeconds,
            } : null,
        }, Json);
    }

    private static async Task<IResult> FitAsync(string @namespace, ApiContext api, SchedulerInsight insight, HttpContext http)
    {
        try
        {
            var body = RequestBodies.ParseJsonObject(await RequestBodies.ReadTextAsync(http.Request, api.Options.MaxRequestBodyBytes, http.RequestAborted));
            var (pod, replicas) = ParseFit(@namespace, body);
            if (await api.Store.GetAsync<V1Namespace>(null, @namespace, http.RequestAborted) is null)
            {
                throw ApiStatus.NotFound("namespaces", @namespace);
            }

            var fit = await AskAsync(ct => insight.FitAsync(pod, replicas, ct), http.RequestAborted);
            return Results.Json(new
            {
                fitNow = fit.FitNow,
                fitLater = fit.FitLater,
                never = fit.Never,
                agents = fit.Agents.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => new { agent = a.Key, replicas = a.Value }),
                reasons = fit.Reasons,
            }, Json);
        }
        catch (ApiException ex)
        {
            return KubeJsonResult.From(ex.Status);
        }
    }

    /// <summary>The body's template as a pod in the namespace and the replica count; 422 with a cause per bad field.</summary>
    internal static (V1Pod Pod, int Replicas) ParseFit(string @namespace, JsonObject body)
    {
        var errors = new List<FieldError>();
        var replicas = 0;
        if (body["replicas"] is not JsonValue count || !count.TryGetValue(out replicas))
        {
            errors.Add(new FieldError("replicas", body["replicas"] is null ? "Required value" : "Invalid value: must be an integer"));
        }
        else if (replicas is < 0 or > MaxReplicas)
        {
            errors.Add(new FieldError("replicas", $"Invalid value: {replicas}: must be between 0 and {MaxReplicas}"));
        }

        V1PodTemplateSpec? template = null;
        if (body["template"] is not JsonObject templateNode)
        {
            errors.Add(new FieldError("template", body["template"] is null ? "Required value" : "Invalid value: must be a PodTemplateSpec object"));
        }
        else
        {
            try
            {
                template = KubernetesJson.Deserialize<V1PodTemplateSpec>(templateNode.ToJsonString());
            }
            catch (JsonException ex)
            {
                errors.Add(new FieldError("template", $"Invalid value: {ex.Message}"));
            }
        }

        V1Pod? pod = null;
        if (template is not null)
        {
            pod = new V1Pod
            {
                ApiVersion = "v1",
                Kind = "Pod",
                Metadata = new V1ObjectMeta
                {
                    Name = "fit-dry-run",
                    NamespaceProperty = @namespace,
                    Labels = template.Metadata?.Labels,
                    Annotations = template.Metadata?.Annotations,
                    CreationTimestamp = DateTime.UtcNow,
                },
                Spec = template.Spec,
            };
            if (template.Spec is null)
            {
                errors.Add(new FieldError("template.spec", "Required value"));
            }
            else
            {
                errors.AddRange(PodValidator.Validate(pod).Where(e => !e.Field.StartsWith("metadata", StringComparison.Ordinal))
                    .Select(e => e with { Field = "template." + e.Field }));
            }
        }

        return errors.Count > 0 ? throw ApiStatus.Invalid("Fit", "fit", errors) : (pod!, replicas);
    }

    private static async Task<T> AskAsync<T>(Func<CancellationToken, Task<T>> ask, CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(AnswerTimeout);
        try
        {
            return await ask(timeout.Token);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            throw new ApiException(ApiStatus.Failure(503, "ServiceUnavailable", "the scheduler did not answer in time"));
        }
    }
}
