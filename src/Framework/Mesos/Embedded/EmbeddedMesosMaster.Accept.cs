using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Logging;

namespace KubeMesos.Framework.Mesos.Embedded;

// ACCEPT: offer checks, LAUNCH and LAUNCH_GROUP validation as in src/master/validation.cpp, launch, implicit decline.
public sealed partial class EmbeddedMesosMaster
{
    private void AcceptLocked(SimFramework framework, Call.Types.Accept accept)
    {
        var offerError = ValidateOffers(framework, accept.OfferIds, out var offers);
        if (offerError is not null)
        {
            // The listed offers go back without a filter; every task to launch is dropped (LOST for non partition-aware).
            foreach (var id in accept.OfferIds)
            {
                if (_offers.TryGetValue(id.Value, out var offer) && offer.Framework == framework)
                {
                    RemoveOfferLocked(offer);
                }
            }

            foreach (var task in accept.Operations.SelectMany(TasksOf))
            {
                framework.Stream?.Send(Events.Update(MasterStatus(
                    framework, task.TaskId, TaskState.TaskDropped, TaskStatus.Types.Reason.InvalidOffers, $"Task launched with invalid offers: {offerError}", task.AgentId)));
            }

            _logger.LogWarning("ACCEPT from framework {FrameworkId} refused: {Error}", framework.Id, offerError);
            return;
        }

        var agent = offers[0].Agent;
        var role = offers[0].Role;
        var remaining = ResourceBag.Empty;
        foreach (var offer in offers)
        {
            remaining = remaining.Add(offer.Resources);
            RemoveOfferLocked(offer);
        }

        foreach (var operation in accept.Operations)
        {
            switch (operation.Type)
            {
                case Offer.Types.Operation.Types.Type.Launch when operation.Launch is { } launch:
                    foreach (var task in launch.TaskInfos)
                    {
                        LaunchLocked(framework, agent, role, task, ref remaining);
                    }

                    break;
                case Offer.Types.Operation.Types.Type.LaunchGroup when operation.LaunchGroup is { } group:
                    LaunchGroupLocked(framework, agent, role, group, ref remaining);
                    break;
                default:
                    _logger.LogWarning("Operation {Type} from framework {FrameworkId} is not supported by the embedded master; ignored", operation.Type, framework.Id);
                    break;
            }
        }

        // Whatever the operations left unused is declined with the call's filters.
        AddFilterLocked(framework, agent, role, remaining, accept.Filters);
    }

    private static IEnumerable<TaskInfo> TasksOf(Offer.Types.Operation operation) =>
        operation.Launch?.TaskInfos ?? operation.LaunchGroup?.TaskGroup?.Tasks ?? Enumerable.Empty<TaskInfo>();

    private string? ValidateOffers(SimFramework framework, IList<OfferID> ids, out List<SimOffer> offers)
    {
        offers = [];
        if (ids.Count == 0)
        {
            return "No offers specified";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id.Value))
            {
                return $"Duplicate offer {id.Value} in offer list";
            }

            if (!_offers.TryGetValue(id.Value, out var offer))
            {
                return $"Offer {id.Value} is no longer valid";
            }

            if (offer.Framework != framework)
            {
                return $"Offer {id.Value} has invalid framework";
            }

            offers.Add(offer);
        }

        var first = offers[0];
        if (offers.Any(o => o.Agent != first.Agent))
        {
            return "Aggregated offers must belong to one single agent";
        }

        return offers.Any(o => o.Role != first.Role) ? "Aggregated offers must be allocated to the same role" : null;
    }

    private void LaunchLocked(SimFramework framework, SimAgent agent, string role, TaskInfo task, ref ResourceBag remaining)
    {
        var error = ValidateTask(framework, agent, role, task, out var resources);
        if (error is null && (task.Command is null) == (task.Executor is null))
        {
            error = "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }

        SimExecutor? executor = null;
        var executorResources = ResourceBag.Empty;
        if (error is null && task.Executor is { } info)
        {
            executor = agent.Executors.GetValueOrDefault((framework.Id, info.ExecutorId.Value));
            if (info.Type == ExecutorInfo.Types.Type.Default)
            {
                error = "'ExecutorInfo.type' must not be 'DEFAULT' for a LAUNCH operation";
            }
            else if (info.Command is null)
            {
                error = "'ExecutorInfo.command' must be set for a custom executor";
            }
            else if (!ResourceBag.TryParse(info.Resources, out executorResources, out var resourceError))
            {
                error = resourceError;
            }
        }

        var needed = executor is null ? resources.Add(executorResources) : resources;
        if (error is null && !remaining.Contains(needed))
        {
            error = $"Task uses more resources {needed} than available {remaining}";
        }

        if (error is not null)
        {
            TaskError(framework, task, TaskStatus.Types.Reason.TaskInvalid, error);
            return;
        }

        remaining = remaining.Subtract(needed);
        if (executor is null)
        {
            if (task.Executor is { } custom)
            {
                var executorInfo = custom.Clone();
                executorInfo.FrameworkId = framework.ProtoId;
                executor = new SimExecutor(executorInfo, framework, agent, executorResources, isExplicit: true);
            }
            else
            {
                // The command executor carries the task's ID.
                executor = new SimExecutor(new ExecutorInfo { ExecutorId = new() { Value = task.TaskId.Value }, FrameworkId = framework.ProtoId }, framework, agent, ResourceBag.Empty, isExplicit: false);
            }
        }

        StartTaskLocked(framework, agent, executor, task, resources, []);
    }

    private void LaunchGroupLocked(SimFramework framework, SimAgent agent, string role, Offer.Types.Operation.Types.LaunchGroup launch, ref ResourceBag remaining)
    {
        var existing = agent.Executors.GetValueOrDefault((framework.Id, launch.Executor.ExecutorId.Value));
        var error = ValidateGroupExecutor(framework, launch.Executor, out var executorResources);
        var total = existing is null ? executorResources : ResourceBag.Empty;
        var taskResources = new List<ResourceBag>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (error is null && launch.TaskGroup.Tasks.Count == 0)
        {
            error = "Task group is empty";
        }

        foreach (var task in launch.TaskGroup.Tasks)
        {
            if (error is not null)
            {
                break;
            }

            var taskError = ValidateTask(framework, agent, role, task, out var resources);
            error = !ids.Add(task.TaskId.Value) ? $"Task '{task.TaskId.Value}' has duplicate ID"
                : taskError is not null ? $"Task '{task.TaskId.Value}' is invalid: {taskError}"
                : task.Executor is not null && !task.Executor.Equals(launch.Executor) ? $"The 'executor' of task '{task.TaskId.Value}' differs from the task group's executor"
                : task.Container?.Type == ContainerInfo.Types.Type.Docker ? $"Docker ContainerInfo is not supported on task '{task.TaskId.Value}'"
                : null;
            if (error is null)
            {
                taskResources.Add(resources);
                total = total.Add(resources);
            }
        }

        if (error is null && !remaining.Contains(total))
        {
            error = $"Task group uses more resources {total} than available {remaining}";
        }

        if (error is not null)
        {
            foreach (var task in launch.TaskGroup.Tasks)
            {
                TaskError(framework, task, TaskStatus.Types.Reason.TaskGroupInvalid, error);
            }

            return;
        }

        remaining = remaining.Subtract(total);
        var executor = existing ?? new SimExecutor(launch.Executor.Clone(), framework, agent, executorResources, isExplicit: true);
        var group = new List<SimTask>(launch.TaskGroup.Tasks.Count);
        for (var i = 0; i < launch.TaskGroup.Tasks.Count; i++)
        {
            StartTaskLocked(framework, agent, executor, launch.TaskGroup.Tasks[i], taskResources[i], group);
        }
    }

    /// <summary>Checks shared by LAUNCH and LAUNCH_GROUP tasks; resources parsed on success.</summary>
    private static string? ValidateTask(SimFramework framework, SimAgent agent, string role, TaskInfo task, out ResourceBag resources)
    {
        resources = ResourceBag.Empty;
        if (framework.Tasks.ContainsKey(task.TaskId.Value))
        {
            return $"Task has duplicate ID: {task.TaskId.Value}";
        }

        if (!task.AgentId.Equals(agent.ProtoId))
        {
            return $"Task uses invalid agent: {task.AgentId.Value}";
        }

        if (task.Resources.Count == 0)
        {
            return "Task uses no resources";
        }

        if (RoleError(task.Resources, role) is { } roleError)
        {
            return roleError;
        }

        return ResourceBag.TryParse(task.Resources, out resources, out var error) ? null : error;
    }

    private static string? ValidateGroupExecutor(SimFramework framework, ExecutorInfo executor, out ResourceBag resources)
    {
        resources = ResourceBag.Empty;
        if (!executor.HasType || executor.Type == ExecutorInfo.Types.Type.Unknown)
        {
            return "'ExecutorInfo.type' must be set";
        }

        if (executor.FrameworkId is null)
        {
            return "'ExecutorInfo.framework_id' must be set";
        }

        if (!executor.FrameworkId.Equals(framework.ProtoId))
        {
            return $"ExecutorInfo has an invalid FrameworkID (Actual: {executor.FrameworkId.Value} vs Expected: {framework.Id})";
        }

        if (executor.Container?.Type == ContainerInfo.Types.Type.Docker)
        {
            return "Docker ContainerInfo is not supported on the executor";
        }

        if (executor.Type == ExecutorInfo.Types.Type.Default)
        {
            if (executor.Command is not null)
            {
                return "'ExecutorInfo.command' must not be set for 'DEFAULT' executor";
            }

            if (executor.Container?.Mesos?.Image is not null)
            {
                return "'ExecutorInfo.container.mesos.image' must not be set for 'DEFAULT' executor";
            }
        }
        else if (executor.Command is null)
        {
            return "'ExecutorInfo.command' must be set for 'CUSTOM' executor";
        }

        if (!ResourceBag.TryParse(executor.Resources, out resources, out var error))
        {
            return $"Executor resources are invalid: {error}";
        }

        if (resources.Scalar("cpus") < 0.01 || resources.Scalar("mem") < 32 || !executor.Resources.Any(r => r.Name == "disk"))
        {
            return $"Executor resources must include cpus >= 0.01, mem >= 32 and disk, got {resources}";
        }

        return null;
    }

    private static string? RoleError(IEnumerable<Resource> resources, string role)
    {
        foreach (var resource in resources)
        {
            if (resource.AllocationInfo is { HasRole: true } allocation && allocation.Role != role)
            {
                return $"Resource {resource.Name} is allocated to role '{allocation.Role}' but the offer is for role '{role}'";
            }

#pragma warning disable CS0612 // Resource.role: a reserved (non-"*") role cannot come from our unreserved offers
            if (resource.Role != "*")
            {
                return $"Resource {resource.Name} is reserved for role '{resource.Role}'; the embedded master offers only unreserved resources";
            }
#pragma warning restore CS0612
        }

        return null;
    }

    private void TaskError(SimFramework framework, TaskInfo task, TaskStatus.Types.Reason reason, string message)
    {
        _logger.LogWarning("Task {TaskId} of framework {FrameworkId} refused: {Error}", task.TaskId.Value, framework.Id, message);
        framework.Stream?.Send(Events.Update(MasterStatus(framework, task.TaskId, TaskState.TaskError, reason, message, task.AgentId)));
    }
}
