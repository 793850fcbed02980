using k8s.Models;
using KubeMesos.Framework.Scheduling.Pipeline;
using Mesos.V1;

namespace KubeMesos.Framework.Scheduling;

/// <summary>
/// Turns a pod into one LAUNCH_GROUP operation: the DEFAULT executor plus one task per container, each with a
/// MESOS container running the container's image (the validation rules are in MESOS-V1-FACTS, "LAUNCH_GROUP rules").
/// </summary>
public static class LaunchGroupBuilder
{
    public static Offer.Types.Operation Build(
        V1Pod pod, Offer offer, FrameworkID frameworkId, SchedulerOptions options, IReadOnlyList<HostPortAssignment>? ports = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(offer);
        var allocation = offer.AllocationInfo;
        var podKey = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
        var executor = new ExecutorInfo
        {
            Type = ExecutorInfo.Types.Type.Default,
            ExecutorId = new ExecutorID { Value = PodTaskIds.Executor(pod) },
            FrameworkId = frameworkId.Clone(),
            Name = $"pod {podKey}",
            Container = new ContainerInfo { Type = ContainerInfo.Types.Type.Mesos },
            Labels = new Labels { Labels_ = { new Label { Key = PodTaskIds.PodLabel, Value = podKey } } },
        };
        executor.Resources.Add(Scalar("cpus", options.ExecutorCpus, allocation));
        executor.Resources.Add(Scalar("mem", options.ExecutorMemMb, allocation));
        executor.Resources.Add(Scalar("disk", options.ExecutorDiskMb, allocation));

        var group = new TaskGroupInfo();
        foreach (var container in pod.Spec.Containers)
        {
            group.Tasks.Add(BuildTask(pod, container, offer, options, ports));
        }

        return new Offer.Types.Operation
        {
            Type = Offer.Types.Operation.Types.Type.LaunchGroup,
            LaunchGroup = new Offer.Types.Operation.Types.LaunchGroup { Executor = executor, TaskGroup = group },
        };
    }

    /// <summary>
    /// A plain LAUNCH of one task run by the command executor, for masters without task groups; only single-container
    /// pods can be launched this way.
    /// </summary>
    public static Offer.Types.Operation BuildSingleTask(
        V1Pod pod, Offer offer, SchedulerOptions options, IReadOnlyList<HostPortAssignment>? ports = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Spec.Containers.Count != 1)
        {
            throw new InvalidOperationException("a plain LAUNCH carries one container; use task groups for multi-container pods");
        }

        return new Offer.Types.Operation
        {
            Type = Offer.Types.Operation.Types.Type.Launch,
            Launch = new Offer.Types.Operation.Types.Launch { TaskInfos = { BuildTask(pod, pod.Spec.Containers[0], offer, options, ports) } },
        };
    }

    private static TaskInfo BuildTask(V1Pod pod, V1Container container, Offer offer, SchedulerOptions options, IReadOnlyList<HostPortAssignment>? ports)
    {
        var allocation = offer.AllocationInfo;
        var podKey = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
        var demand = PodResources.ForContainer(container, options);
        var task = new TaskInfo
        {
            Name = container.Name,
            TaskId = new TaskID { Value = PodTaskIds.Task(pod, container.Name) },
            AgentId = offer.AgentId.Clone(),
            Command = Command(container),
            Container = options.ContainerType == ContainerizerType.Docker
                ? new ContainerInfo
                {
                    Type = ContainerInfo.Types.Type.Docker,
                    Docker = new ContainerInfo.Types.DockerInfo { Image = container.Image, Network = ContainerInfo.Types.DockerInfo.Types.Network.Host },
                }
                : new ContainerInfo
                {
                    Type = ContainerInfo.Types.Type.Mesos,
                    Mesos = new ContainerInfo.Types.MesosInfo
                    {
                        Image = new Image { Type = Image.Types.Type.Docker, Docker = new Image.Types.Docker { Name = container.Image } },
                    },
                },
            Labels = new Labels
            {
                Labels_ =
                {
                    new Label { Key = PodTaskIds.PodLabel, Value = podKey },
                    new Label { Key = PodTaskIds.ContainerLabel, Value = container.Name },
                },
            },
        };
        task.Resources.Add(Scalar("cpus", demand.Cpus, allocation));
        task.Resources.Add(Scalar("mem", demand.MemMb, allocation));
        if (demand.DiskMb > 0)
        {
            task.Resources.Add(Scalar("disk", demand.DiskMb, allocation));
        }

        var containerPorts = ports?.Where(p => p.Container == container.Name).ToList();
        if (containerPorts is { Count: > 0 })
        {
            var resource = new Resource { Name = "ports", Type = Value.Types.Type.Ranges, Ranges = new Value.Types.Ranges() };
            foreach (var port in containerPorts.OrderBy(p => p.HostPort))
            {
                resource.Ranges.Range.Add(new Value.Types.Range { Begin = port.HostPort, End = port.HostPort });
            }

            if (allocation is not null)
            {
                resource.AllocationInfo = allocation.Clone();
            }

            task.Resources.Add(resource);
        }

        return task;
    }

    private static CommandInfo Command(V1Container container)
    {
        // shell=false with no value runs the image's entrypoint, as a Kubernetes container without command does.
        var command = new CommandInfo { Shell = false };
        var argv = (container.Command ?? []).Concat(container.Args ?? []).ToList();
        if (container.Command is { Count: > 0 } cmd)
        {
            command.Value = cmd[0];
            command.Arguments.AddRange(argv);
        }
        else if (argv.Count > 0)
        {
            command.Arguments.AddRange(argv);
        }

        foreach (var env in container.Env ?? [])
        {
            command.Environment ??= new global::Mesos.V1.Environment();
            command.Environment.Variables.Add(new global::Mesos.V1.Environment.Types.Variable { Name = env.Name, Value = env.Value ?? string.Empty });
        }

        return command;
    }

    private static Resource Scalar(string name, double value, Resource.Types.AllocationInfo? allocation)
    {
        var resource = new Resource
        {
            Name = name,
            Type = Value.Types.Type.Scalar,
            Scalar = new Value.Types.Scalar { Value = ResourceDemand.Round(value) },
        };
        if (allocation is not null)
        {
            resource.AllocationInfo = allocation.Clone();
        }

        return resource;
    }
}
