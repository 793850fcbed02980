using k8s.Models;
using KubeMesos.Shared.Validation;

namespace KubeMesos.Tests.Unit.Shared;

public sealed class PodValidatorTests
{
    private static V1Pod Pod(string name = "web-1", string? image = "nginx", string cpu = "500m") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container
            {
                Name = "main", Image = image,
                Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } },
            }],
        },
    };

    [Fact]
    public void Validate_GoodPod_NoErrors() => Assert.Empty(PodValidator.Validate(Pod()));

    [Theory]
    [InlineData("Web_1")]
    [InlineData("-web")]
    [InlineData("")]
    public void Validate_BadName_ErrorOnMetadataName(string name) =>
        Assert.Contains(PodValidator.Validate(Pod(name: name)), e => e.Field == "metadata.name");

    [Fact]
    public void Validate_NoImage_ErrorOnImage() =>
        Assert.Contains(PodValidator.Validate(Pod(image: " ")), e => e.Field == "spec.containers[0].image" && e.Message == "Required value");

    [Fact]
    public void Validate_ZeroCpu_ErrorOnRequest() =>
        Assert.Contains(PodValidator.Validate(Pod(cpu: "0")), e => e.Field == "spec.containers[0].resources.requests[cpu]");

    [Theory]
    [InlineData("example.com/app", true)]
    [InlineData("app", true)]
    [InlineData("-app", false)]
    [InlineData("a/b/c", false)]
    [InlineData("Example.com/app", false)]
    public void ValidateLabelKey_Cases(string key, bool valid) =>
        Assert.Equal(valid, KubernetesNames.ValidateLabelKey(key).Count == 0);

    [Fact]
    public void ValidateLabelValue_TooLong_Error() =>
        Assert.NotEmpty(KubernetesNames.ValidateLabelValue(new string('a', 64)));
}
