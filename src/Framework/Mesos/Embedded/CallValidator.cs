using Google.Protobuf;
using Mesos.V1.Scheduler;

namespace KubeMesos.Framework.Mesos.Embedded;

/// <summary>The checks Mesos makes on a Call before it looks at frameworks (validation::scheduler::call::validate).</summary>
internal static class CallValidator
{
    /// <summary>null when valid, else the 400 message.</summary>
    public static string? Validate(Call call)
    {
        if (!RequiredFields.AreSet(call))
        {
            return "Not initialized: the Call misses required fields";
        }

        // A C++ proto2 parser keeps an enum number it does not know as an unknown field, so 'type' is then absent.
        if (!call.HasType || !Enum.IsDefined(call.Type))
        {
            return "Expecting 'type' to be present";
        }

        if (call.Type == Call.Types.Type.Subscribe)
        {
            if (call.Subscribe is null)
            {
                return "Expecting 'subscribe' to be present";
            }

            var infoId = call.Subscribe.FrameworkInfo.Id;
            if (call.FrameworkId is not null && !call.FrameworkId.Equals(infoId))
            {
                return "'framework_id' differs from 'subscribe.framework_info.id'";
            }

            return null;
        }

        if (call.FrameworkId is null)
        {
            return "Expecting 'framework_id' to be present";
        }

        return call.Type switch
        {
            Call.Types.Type.Accept when call.Accept is null => "Expecting 'accept' to be present",
            Call.Types.Type.Decline when call.Decline is null => "Expecting 'decline' to be present",
            Call.Types.Type.Kill when call.Kill is null => "Expecting 'kill' to be present",
            Call.Types.Type.Shutdown when call.Shutdown is null => "Expecting 'shutdown' to be present",
            Call.Types.Type.Acknowledge when call.Acknowledge is null => "Expecting 'acknowledge' to be present",
            Call.Types.Type.Acknowledge when call.Acknowledge.Uuid.Length != 16 =>
                $"'acknowledge.uuid' must be 16 bytes, got {call.Acknowledge.Uuid.Length}",
            Call.Types.Type.Reconcile when call.Reconcile is null => "Expecting 'reconcile' to be present",
            Call.Types.Type.Message when call.Message is null => "Expecting 'message' to be present",
            Call.Types.Type.Request when call.Request is null => "Expecting 'request' to be present",
            Call.Types.Type.AcceptInverseOffers when call.AcceptInverseOffers is null => "Expecting 'accept_inverse_offers' to be present",
            Call.Types.Type.DeclineInverseOffers when call.DeclineInverseOffers is null => "Expecting 'decline_inverse_offers' to be present",
            _ => null,
        };
    }
}
