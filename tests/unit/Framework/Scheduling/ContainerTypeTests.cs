using System.ComponentModel.DataAnnotations;
using k8s.Models;
using KubeMesos.Framework.Scheduling;
using Mesos.V1;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

/// <summary>Scheduler:ContainerType: the Mesos containerizer with an image, or the Docker containerizer for plain tasks.</summary>
public sealed class ContainerTypeTests
{
    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-0", NamespaceProperty = "default", Uid = "u-1" },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "docker.io/library/nginx:1.25" }] },
    };

    private static Offer Offer() => global::Mesos.V1.Scheduler.Event.Parser.ParseFrom(
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Mesos", "Vectors", "event-offers.bin"))).Offers.Offers_[0];

    [Fact]
    public void Docker_PlainTask_CarriesDockerInfoWithTheImage()
    {
        var options = new SchedulerOptions { ContainerType = ContainerizerType.Docker, LaunchMode = LaunchMode.Task };

        var task = LaunchGroupBuilder.BuildSingleTask(Pod(), Offer(), options, []).Launch.TaskInfos.Single();

        Assert.Equal(ContainerInfo.Types.Type.Docker, task.Container.Type);
        Assert.Equal("docker.io/library/nginx:1.25", task.Container.Docker.Image);
        Assert.Equal(ContainerInfo.Types.DockerInfo.Types.Network.Host, task.Container.Docker.Network);
        Assert.Null(task.Container.Mesos);
    }

    [Fact]
    public void Mesos_Default_CarriesTheImageForTheMesosContainerizer()
    {
        var task = LaunchGroupBuilder.BuildSingleTask(Pod(), Offer(), new SchedulerOptions(), []).Launch.TaskInfos.Single();

        Assert.Equal(ContainerInfo.Types.Type.Mesos, task.Container.Type);
        Assert.Equal("docker.io/library/nginx:1.25", task.Container.Mesos.Image.Docker.Name);
    }

    [Fact]
    public void Docker_WithTaskGroups_IsRefusedAtStart()
    {
        var options = new SchedulerOptions { ContainerType = ContainerizerType.Docker };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains("needs Scheduler:LaunchMode=Task", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }
}
