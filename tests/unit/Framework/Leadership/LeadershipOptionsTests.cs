using System.ComponentModel.DataAnnotations;
using KubeMesos.Framework.Leadership;

namespace KubeMesos.Tests.Unit.Framework.Leadership;

public sealed class LeadershipOptionsTests
{
    private static List<string> Errors(LeadershipOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.SelectMany(r => r.MemberNames)];
    }

    [Fact]
    public void Defaults_AreValid_ReplicaIdIsHostAndPid()
    {
        var options = new LeadershipOptions();

        Assert.Empty(Errors(options));
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", options.ReplicaId);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseTtl);
    }

    [Theory]
    [InlineData("00:00:01", nameof(LeadershipOptions.LeaseTtl))]
    [InlineData("01:00:00", nameof(LeadershipOptions.LeaseTtl))]
    public void LeaseTtl_OutOfRange_Rejected(string ttl, string member)
    {
        Assert.Equal([member], Errors(new LeadershipOptions { LeaseTtl = TimeSpan.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public void EmptyReplicaId_AndRelativeKeys_Rejected()
    {
        var errors = Errors(new LeadershipOptions { ReplicaId = "", ElectionName = "leader", SchedulingKey = "scheduling" });

        Assert.Equal(
            [nameof(LeadershipOptions.ElectionName), nameof(LeadershipOptions.ReplicaId), nameof(LeadershipOptions.SchedulingKey)],
            errors.Order(StringComparer.Ordinal));
    }
}
