using MatrixRtcLab.E2E.Lab;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

public sealed class LabStartTimeoutTests
{
    [Fact]
    public void Unset_is_fifteen_minutes() => Assert.Equal(TimeSpan.FromMinutes(15), LabStartTimeout.Read(_ => null));

    [Fact]
    public void A_number_is_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(1200), LabStartTimeout.Read(name => name == LabStartTimeout.Variable ? "1200" : null));

    [Theory]
    [InlineData("0")]
    [InlineData("15m")]
    public void Anything_else_names_the_variable(string value)
    {
        var error = Assert.Throws<LabConfigurationException>(() => LabStartTimeout.Read(_ => value));

        Assert.Equal($"MATRIXRTC_E2E_LAB_START_TIMEOUT={value}: expected a positive number of seconds.", error.Message);
    }
}
