using KubeMesos.Dashboard.Model;

namespace KubeMesos.Tests.Unit.Dashboard.Labels;

public sealed class LabelEditTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["tier"] = "db", ["app"] = "shop" };

    [Fact]
    public void Set_NewValue_ChangesOnlyThatKey()
    {
        var after = LabelEdit.Set("tier", "web").ApplyTo(Labels)!;

        Assert.Equal("web", after["tier"]);
        Assert.Equal("shop", after["app"]);
        Assert.Equal("db", Labels["tier"]);
    }

    [Fact]
    public void Set_SameValue_IsNoChange() => Assert.Null(LabelEdit.Set("tier", "db").ApplyTo(Labels));

    [Fact]
    public void Remove_AbsentKey_IsNoChange() => Assert.Null(LabelEdit.Remove("zone").ApplyTo(Labels));

    [Fact]
    public void Remove_PresentKey_Removes() => Assert.False(LabelEdit.Remove("tier").ApplyTo(Labels)!.ContainsKey("tier"));

    [Fact]
    public void Change_OnlyWhereKeyPresent()
    {
        Assert.Equal("web", LabelEdit.Change("tier", "web").ApplyTo(Labels)!["tier"]);
        Assert.Null(LabelEdit.Change("zone", "a").ApplyTo(Labels));
    }

    [Fact]
    public void ApplyAll_EditsThatCancelOut_IsNoChange() =>
        Assert.Null(LabelEdit.ApplyAll([LabelEdit.Set("tier", "web"), LabelEdit.Set("tier", "db")], Labels));

    [Theory]
    [InlineData("", "x", "key")]
    [InlineData("bad key", "x", "key")]
    [InlineData("tier", "<b>web</b>", "value")]
    [InlineData("tier", "-web", "value")]
    public void Validate_Invalid_NamesTheField(string key, string value, string field) =>
        Assert.Contains(LabelEdit.Set(key, value).Validate(), e => e.Field == field);

    [Fact]
    public void Validate_RemoveIgnoresValue_AndValidPrefixedKeyPasses()
    {
        Assert.Empty(LabelEdit.Remove("example.com/tier").Validate());
        Assert.Empty(LabelEdit.Set("tier", "").Validate());
    }

    [Fact]
    public void ToString_KubectlWording()
    {
        Assert.Equal("tier=web", LabelEdit.Set(" tier ", " web ").ToString());
        Assert.Equal("tier-", LabelEdit.Remove("tier").ToString());
    }
}
