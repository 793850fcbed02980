using KubeMesos.Framework.Scheduling;
using KubeMesos.Shared.Contracts;
using Mesos.V1;

namespace KubeMesos.Tests.Unit.Framework.Scheduling;

public sealed class TaskStatesTests
{
    [Theory]
    [InlineData(TaskState.TaskStaging, PodPhases.Pending)]
    [InlineData(TaskState.TaskStarting, PodPhases.Pending)]
    [InlineData(TaskState.TaskRunning, PodPhases.Running)]
    [InlineData(TaskState.TaskFinished, PodPhases.Succeeded)]
    [InlineData(TaskState.TaskFailed, PodPhases.Failed)]
    [InlineData(TaskState.TaskKilled, PodPhases.Failed)]
    [InlineData(TaskState.TaskError, PodPhases.Failed)]
    [InlineData(TaskState.TaskDropped, PodPhases.Failed)]
    [InlineData(TaskState.TaskLost, PodPhases.Failed)]
    [InlineData(TaskState.TaskUnreachable, PodPhases.Unknown)]
    [InlineData(TaskState.TaskUnknown, PodPhases.Failed)]
    [InlineData(TaskState.TaskGone, PodPhases.Failed)]
    public void PodPhase_SingleTask_MapsAsDocumented(TaskState state, string phase) =>
        Assert.Equal(phase, TaskStates.PodPhase([state]));

    [Fact]
    public void PodPhase_OneRunningOneStarting_IsPending() =>
        Assert.Equal(PodPhases.Pending, TaskStates.PodPhase([TaskState.TaskRunning, TaskState.TaskStarting]));

    [Fact]
    public void PodPhase_OneFailedOneRunning_IsFailed() =>
        Assert.Equal(PodPhases.Failed, TaskStates.PodPhase([TaskState.TaskRunning, TaskState.TaskFailed]));

    [Fact]
    public void IsTerminal_RunningAndUnreachable_AreNot()
    {
        Assert.False(TaskStates.IsTerminal(TaskState.TaskRunning));
        Assert.False(TaskStates.IsTerminal(TaskState.TaskUnreachable));
        Assert.True(TaskStates.IsTerminal(TaskState.TaskKilled));
    }

    [Theory]
    [InlineData(TaskState.TaskRunning, TaskState.TaskStarting, true)]
    [InlineData(TaskState.TaskRunning, TaskState.TaskStaging, true)]
    [InlineData(TaskState.TaskKilling, TaskState.TaskRunning, true)]
    [InlineData(TaskState.TaskStarting, TaskState.TaskRunning, false)]
    [InlineData(TaskState.TaskUnreachable, TaskState.TaskRunning, false)]
    [InlineData(TaskState.TaskRunning, TaskState.TaskFailed, false)]
    public void IsRegression_OnlyStepsBackInTheStart(TaskState previous, TaskState next, bool regression) =>
        Assert.Equal(regression, TaskStates.IsRegression(previous, next));
}
