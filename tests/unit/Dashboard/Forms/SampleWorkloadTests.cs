using Bunit;
using k8s.Models;
using KubeMesos.Dashboard.Components.Controls;
using KubeMesos.Dashboard.Model.Forms;
using KubeMesos.Shared.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace KubeMesos.Tests.Unit.Dashboard.Forms;

public sealed class SampleWorkloadTests : FormsTestContext
{
    [Fact]
    public void Objects_AllValid_AndSomeCannotFit()
    {
        var objects = SampleWorkload.Objects();

        foreach (var obj in objects)
        {
            var errors = obj switch
            {
                V1Pod pod => PodValidator.Validate(pod),
                V1Service service => ServiceValidator.Validate(service),
                V1ReplicationController rc => ReplicationControllerValidator.Validate(rc),
                _ => throw new InvalidOperationException(),
            };
            Assert.Empty(errors);
        }

        var pods = objects.OfType<V1Pod>().ToList();
        Assert.Contains(pods, p => p.Spec.Containers[0].Resources.Requests["cpu"].ToDecimal() >= 64);
        Assert.Contains(pods, p => p.Spec.NodeSelector is { Count: > 0 });
        Assert.True(objects.OfType<V1ReplicationController>().Count() >= 2);
        Assert.True(objects.OfType<V1Service>().Count() >= 2);
    }

    [Fact]
    public async Task LoadAsync_Twice_SecondCreatesNothingAndFailsNothing()
    {
        var sample = Services.GetRequiredService<SampleWorkload>();

        var first = await sample.LoadAsync(Ct);
        var second = await sample.LoadAsync(Ct);

        Assert.Equal(SampleWorkload.Objects().Count, first.Created.Count);
        Assert.Empty(first.Existing);
        Assert.Empty(second.Created);
        Assert.Equal(first.Created, second.Existing);
        Assert.Equal(SampleWorkload.Objects().OfType<V1Pod>().Count(), (await StoredAsync<V1Pod>()).Count);
        Assert.Equal(2, (await StoredAsync<V1ReplicationController>()).Count);
    }

    [Fact]
    public async Task Button_ClickedTwice_SaysAlreadyLoaded()
    {
        var control = Render<LoadSampleWorkload>();
        var button = control.FindAll("button").Single(b => b.TextContent.Contains("Load sample workload", StringComparison.Ordinal));

        await button.ClickAsync(new());
        control.WaitForAssertion(() => Assert.StartsWith("Created 8 objects", control.Find(".km-sample-result").TextContent, StringComparison.Ordinal));
        await control.FindAll("button").Single(b => b.TextContent.Contains("Load sample workload", StringComparison.Ordinal)).ClickAsync(new());

        control.WaitForAssertion(() => Assert.Contains("already loaded", control.Find(".km-sample-result").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, (await StoredAsync<V1Service>()).Count);
    }
}
