namespace KubeMesos.Framework.Scheduling;

/// <summary>Which Mesos containerizer runs a pod's containers (ContainerInfo.type).</summary>
public enum ContainerizerType
{
    /// <summary>The Mesos containerizer with the container's Docker image (works with task groups).</summary>
    Mesos,

    /// <summary>The Docker containerizer (DockerInfo with the image, host network): plain tasks only, as in Mesos.</summary>
    Docker,
}
