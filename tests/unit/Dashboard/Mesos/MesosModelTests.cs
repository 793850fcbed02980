using KubeMesos.Dashboard.Model;
using KubeMesos.Framework.Logs;
using Mesos.V1;
using AgentInfo = Mesos.V1.Operator.AgentInfo;
using Task = Mesos.V1.Operator.Task;
using MasterResponse = Mesos.V1.Master.Response;

namespace KubeMesos.Tests.Unit.Dashboard.Mesos;

public sealed class MesosModelTests
{
    private static Resource Scalar(string name, double value) => new() { Name = name, Type = Value.Types.Type.Scalar, Scalar = new() { Value = value } };

    [Fact]
    public void FrameworksModel_DominantShareIsTheLargestFraction_AgentsFromTasks_MostDominantFirst()
    {
        var state = new MasterResponse.Types.GetState
        {
            GetAgents = new()
            {
                Agents =
                {
                    new MasterResponse.Types.GetAgents.Types.Agent { AgentInfo = new AgentInfo { Hostname = "a0", Id = new() { Value = "S0" } }, Active = true, Version = "1.11.0", TotalResources = { Scalar("cpus", 8), Scalar("mem", 8192), Scalar("disk", 1000) } },
                    new MasterResponse.Types.GetAgents.Types.Agent { AgentInfo = new AgentInfo { Hostname = "a1", Id = new() { Value = "S1" } }, Active = true, Version = "1.11.0", TotalResources = { Scalar("cpus", 8), Scalar("mem", 8192), Scalar("disk", 1000) } },
                },
            },
            GetFrameworks = new()
            {
                Frameworks =
                {
                    Framework("F1", "small", Scalar("cpus", 1), Scalar("mem", 512)),
                    Framework("F2", "memory-hungry", Scalar("cpus", 1), Scalar("mem", 8192)),
                },
            },
            GetTasks = new()
            {
                Tasks =
                {
                    new Task { Name = "t", TaskId = new() { Value = "t1" }, FrameworkId = new() { Value = "F2" }, AgentId = new() { Value = "S1" }, State = TaskState.TaskRunning },
                    new Task { Name = "t", TaskId = new() { Value = "t2" }, FrameworkId = new() { Value = "F2" }, AgentId = new() { Value = "S0" }, State = TaskState.TaskRunning },
                },
            },
        };

        var rows = FrameworksModel.From(state);

        Assert.Equal(["memory-hungry", "small"], rows.Select(r => r.Name));
        Assert.Equal(0.5, rows[0].DominantShare, 6);
        Assert.Equal("mem", rows[0].DominantResource);
        Assert.Equal(["a0", "a1"], rows[0].Agents);
        Assert.Equal(1.0 / 16, rows[1].DominantShare, 6);
        Assert.Equal("cpus", rows[1].DominantResource);
        Assert.Empty(rows[1].Agents);
    }

    private static MasterResponse.Types.GetFrameworks.Types.Framework Framework(string id, string name, params Resource[] allocated) => new()
    {
        FrameworkInfo = new FrameworkInfo { Id = new() { Value = id }, Name = name, User = "u", Roles = { "r" } },
        Active = true,
        Connected = true,
        Recovered = false,
        AllocatedResources = { allocated },
    };

    [Fact]
    public void LogLines_JoinsChunksAcrossLineBreaks_AndDropsTheOldest()
    {
        var lines = new LogLines(capacity: 3);

        lines.Append("one\ntw");
        lines.Append("o\nthree\nfour\nfi");

        Assert.Equal(["two", "three", "four", "fi"], lines.Lines);
        Assert.Equal(1, lines.Dropped);
    }

    [Theory]
    [InlineData("a\nb\nc\n", 2, "b\nc\n")]
    [InlineData("a\nb\nc", 2, "b\nc")]
    [InlineData("a\nb\n", 5, "a\nb\n")]
    [InlineData("a\nb\n", 0, "")]
    public void LogText_Tail_TakesTheLastLines(string text, int lines, string expected) => Assert.Equal(expected, LogText.Tail(text, lines));

    [Fact]
    public void LogText_Limit_NeverCutsACharacter()
    {
        Assert.Equal("ab", LogText.Limit("abc", 2));
        Assert.Equal("a", LogText.Limit("aé", 2));
        Assert.Equal("aé", LogText.Limit("aé", 3));
    }
}
