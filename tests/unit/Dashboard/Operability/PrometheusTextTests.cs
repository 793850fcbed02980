using KubeMesos.Tests.Unit.Support;

namespace KubeMesos.Tests.Unit.Dashboard.Operability;

/// <summary>The test's Prometheus text reader: it reads what the format allows and refuses what a server would.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Parse_TypesLabelsEscapesSpecialValues_Read()
    {
        var text = PrometheusText.Parse("""
            # HELP requests_total Requests.
            # TYPE requests_total counter
            requests_total{route="/a",code="200"} 3 1700000000000
            requests_total{route="/b \"q\"\\x\n",code="500"} 1
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 1
            latency_seconds_bucket{le="+Inf"} 2
            up NaN
            down -Inf

            """);

        Assert.Equal("counter", text.Types["requests_total"]);
        Assert.Equal(4, text.Sum("requests_total"));
        Assert.Equal(1, text.Sum("requests_total", l => l["code"] == "500"));
        Assert.Contains(text.Named("requests_total"), s => s.Labels["route"] == "/b \"q\"\\x\n");
        Assert.Equal(2, text.Named("latency_seconds_bucket").Single(s => s.Labels["le"] == "+Inf").Value);
        Assert.True(double.IsNaN(text.Named("up").Single().Value));
        Assert.Equal(double.NegativeInfinity, text.Named("down").Single().Value);
    }

    [Theory]
    [InlineData("1bad 1")]
    [InlineData("name{label=\"unterminated} 1")]
    [InlineData("name{label=unquoted} 1")]
    [InlineData("name one")]
    [InlineData("name 1 2 3")]
    [InlineData("name{a=\"1\",a=\"2\"} 1")]
    [InlineData("# TYPE name sometimes")]
    public void Parse_Malformed_FormatException(string line)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse(line));

        Assert.StartsWith("line 1:", error.Message);
    }
}
