using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>
/// Kubernetes <c>Status</c> objects for every refusal, worded as the API server words them
/// (k8s.io/apimachinery/pkg/api/errors): reason, code, details with name, kind and per-field causes.
/// </summary>
internal static class ApiStatus
{
    public static V1Status Failure(int code, string reason, string message, V1StatusDetails? details = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Status",
        Metadata = new V1ListMeta(),
        Status = "Failure",
        Code = code,
        Reason = reason,
        Message = message,
        Details = details,
    };

    public static V1Status Success(string plural, string name, string? uid) => new()
    {
        ApiVersion = "v1",
        Kind = "Status",
        Metadata = new V1ListMeta(),
        Status = "Success",
        Details = new V1StatusDetails { Name = name, Kind = plural, Uid = uid },
    };

    public static ApiException NotFound(string plural, string name) =>
        new(Failure(404, "NotFound", $"{plural} \"{name}\" not found", new V1StatusDetails { Name = name, Kind = plural }));

    public static ApiException AlreadyExists(string plural, string name) =>
        new(Failure(409, "AlreadyExists", $"{plural} \"{name}\" already exists", new V1StatusDetails { Name = name, Kind = plural }));

    public static ApiException Conflict(string plural, string name) =>
        new(Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            new V1StatusDetails { Name = name, Kind = plural }));

    public static ApiException BadRequest(string message) => new(Failure(400, "BadRequest", message));

    public static ApiException Forbidden(string plural, string name, string why) =>
        new(Failure(403, "Forbidden", $"{plural} \"{name}\" is forbidden: {why}", new V1StatusDetails { Name = name, Kind = plural }));

    public static ApiException MethodNotAllowed(string message) => new(Failure(405, "MethodNotAllowed", message));

    public static ApiException UnsupportedMediaType(string? contentType, IEnumerable<string> accepted) =>
        new(Failure(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format ({contentType ?? "none"}) - accepted media types include: {string.Join(", ", accepted)}"));

    public static ApiException TooLarge(long limit) =>
        new(Failure(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}"));

    public static V1Status Expired(string message) => Failure(410, "Expired", message);

    /// <summary>422 Invalid: <c>Pod "x" is invalid: [field: message, ...]</c> with one cause per field.</summary>
    public static ApiException Invalid(string kind, string name, IReadOnlyList<FieldError> errors) =>
        new(Failure(422, "Invalid",
            $"{kind} \"{name}\" is invalid: {(errors.Count == 1 ? Describe(errors[0]) : "[" + string.Join(", ", errors.Select(Describe)) + "]")}",
            new V1StatusDetails
            {
                Name = name,
                Kind = kind,
                Causes = errors.Select(e => new V1StatusCause { Reason = CauseReason(e.Message), Message = e.Message, Field = e.Field }).ToList(),
            }));

    /// <summary>The cause reason for a field message (k8s.io/apimachinery/pkg/util/validation/field error types).</summary>
    public static string CauseReason(string message) => message switch
    {
        _ when message.StartsWith("Required value", StringComparison.Ordinal) => "FieldValueRequired",
        _ when message.StartsWith("Duplicate value", StringComparison.Ordinal) => "FieldValueDuplicate",
        _ when message.StartsWith("Unsupported value", StringComparison.Ordinal) => "FieldValueNotSupported",
        _ when message.StartsWith("Forbidden", StringComparison.Ordinal) => "FieldValueForbidden",
        _ => "FieldValueInvalid",
    };

    private static string Describe(FieldError error) => $"{error.Field}: {error.Message}";
}

/// <summary>
/// A Status as JSON. KubernetesClient's serializer cannot write <see cref="V1Status"/> (its converter only reads),
/// so this writes the fields the API server writes.
/// </summary>
internal static class StatusJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static System.Text.Json.Nodes.JsonObject ToNode(V1Status status)
    {
        var node = new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["status"] = status.Status,
        };
        if (status.Message is not null)
        {
            node["message"] = status.Message;
        }

        if (status.Reason is not null)
        {
            node["reason"] = status.Reason;
        }

        if (status.Details is { } details)
        {
            var d = new System.Text.Json.Nodes.JsonObject();
            if (details.Name is not null)
            {
                d["name"] = details.Name;
            }

            if (details.Kind is not null)
            {
                d["kind"] = details.Kind;
            }

            if (details.Uid is not null)
            {
                d["uid"] = details.Uid;
            }

            if (details.RetryAfterSeconds is { } retryAfter)
            {
                d["retryAfterSeconds"] = retryAfter;
            }

            if (details.Causes is { Count: > 0 } causes)
            {
                d["causes"] = new System.Text.Json.Nodes.JsonArray(causes.Select(c => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
                {
                    ["reason"] = c.Reason,
                    ["message"] = c.Message,
                    ["field"] = c.Field,
                }).ToArray());
            }

            node["details"] = d;
        }

        if (status.Code is { } code)
        {
            node["code"] = code;
        }

        return node;
    }
}
