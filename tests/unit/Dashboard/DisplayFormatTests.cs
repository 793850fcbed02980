using System.Globalization;
using Xunit;
using KubeMesos.Dashboard.Model;

namespace KubeMesos.Tests.Unit.Dashboard;

public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData(0.5, "0.50")]
    [InlineData(4, "4.00")]
    [InlineData(1.239, "1.24")]
    public void Cpus_Value_TwoDecimals(double cpus, string expected) => Assert.Equal(expected, DisplayFormat.Cpus(cpus));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(10200, "10,200")]
    [InlineData(1234567, "1,234,567")]
    public void Count_Value_ThousandsSeparators(int count, string expected) => Assert.Equal(expected, DisplayFormat.Count(count));

    [Fact]
    public void Count_GermanServerCulture_StillInvariant()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("30,200", DisplayFormat.Count(30200));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(256, "256 MiB")]
    [InlineData(1023, "1023 MiB")]
    [InlineData(1024, "1.00 GiB")]
    [InlineData(3584, "3.50 GiB")]
    public void Memory_Mebibytes_MiBOrGiB(double mb, string expected) => Assert.Equal(expected, DisplayFormat.Memory(mb));

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(3, "3s ago")]
    [InlineData(59, "59s ago")]
    [InlineData(60, "1m ago")]
    [InlineData(3600, "1h ago")]
    [InlineData(3900, "1h 5m ago")]
    [InlineData(3 * 86400 + 5, "3d ago")]
    [InlineData(-5, "just now")]
    public void Age_Seconds_RelativeText(int seconds, string expected)
    {
        var now = new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, DisplayFormat.Age(now.AddSeconds(-seconds), now));
    }
}
