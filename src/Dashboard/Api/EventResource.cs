using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Dashboard.Api;

/// <summary>Events (core/v1); the field selectors <c>kubectl describe</c> uses; <c>kubectl get events</c> columns.</summary>
internal static class EventResource
{
    public static readonly ResourceDefinition<Corev1Event> Definition = new()
    {
        Plural = "events",
        Singular = "event",
        Kind = "Event",
        Namespaced = true,
        ShortNames = ["ev"],
        HasStatus = false,
        Validate = Validate,
        ExtraFields = new Dictionary<string, Func<Corev1Event, string?>>
        {
            ["involvedObject.kind"] = e => e.InvolvedObject?.Kind,
            ["involvedObject.name"] = e => e.InvolvedObject?.Name,
            ["involvedObject.namespace"] = e => e.InvolvedObject?.NamespaceProperty,
            ["involvedObject.uid"] = e => e.InvolvedObject?.Uid,
            ["involvedObject.fieldPath"] = e => e.InvolvedObject?.FieldPath,
            ["reason"] = e => e.Reason,
            ["type"] = e => e.Type,
            ["source"] = e => e.Source?.Component,
        },
        Columns =
        [
            TableColumn.Text("Last Seen", "The last time this event was seen."),
            TableColumn.Text("Type", "Type of this event (Normal, Warning)."),
            TableColumn.Text("Reason", "Why the action was taken."),
            TableColumn.Text("Object", "The object this event is about."),
            TableColumn.Text("Message", "A human-readable description of the status of this operation."),
            TableColumn.Text("Source", "The component reporting this event.", 1),
            TableColumn.Number("Count", "The number of times this event has occurred.", 1),
            TableColumn.Text("Name", "Name of the event.", 1),
        ],
        Cells = (e, now) =>
        [
            HumanDuration.Since(e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp, now),
            e.Type ?? "",
            e.Reason ?? "",
            $"{e.InvolvedObject?.Kind?.ToLowerInvariant()}/{e.InvolvedObject?.Name}",
            e.Message ?? "",
            e.Source?.Component ?? e.ReportingComponent ?? "",
            e.Count ?? 1,
            e.Metadata.Name,
        ],
    };

    public static readonly ResourceHandler<Corev1Event> Handler = new(Definition);

    private static IReadOnlyList<FieldError> Validate(Corev1Event e)
    {
        var errors = new List<FieldError>(MetadataValidator.Validate(e.Metadata));
        if (e.InvolvedObject is null)
        {
            errors.Add(new FieldError("involvedObject", "Required value"));
        }

        if (e.Type is { Length: > 0 } type && type is not ("Normal" or "Warning"))
        {
            errors.Add(new FieldError("type", $"Unsupported value: \"{type}\": supported values: \"Normal\", \"Warning\""));
        }

        return errors;
    }
}
