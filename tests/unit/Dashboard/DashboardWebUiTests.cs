using KubeMesos.Dashboard.Configuration;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class DashboardWebUiTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:8080", "http://dash-1:8080/")]
    [InlineData("http://[::]:8080", "http://dash-1:8080/")]
    [InlineData("http://+:8080", "http://dash-1:8080/")]
    [InlineData("http://*:80", "http://dash-1/")]
    public void Choose_KeepsAConcreteHost_ReplacesAWildcardWithTheHostname(string address, string expected) =>
        Assert.Equal(expected, DashboardWebUi.Choose([address], "dash-1"));

    [Fact]
    public void Choose_PrefersHttps_SkipsUnboundPorts()
    {
        Assert.Equal("https://127.0.0.1:8443/", DashboardWebUi.Choose(["http://127.0.0.1:8080", "https://127.0.0.1:8443"], "h"));
        Assert.Null(DashboardWebUi.Choose(["http://127.0.0.1:0"], "h"));
        Assert.Null(DashboardWebUi.Choose([], "h"));
    }
}
