using MatrixRtcLab.E2E.Browser;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>Which browser binary is driven, and the messages when the choice is impossible.</summary>
public sealed class BrowserSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Debian_chromium_is_preferred_over_google_chrome()
    {
        var settings = BrowserSettings.FromEnvironment(Env(), _ => true);

        Assert.Equal("/usr/bin/chromium", settings.ExecutablePath);
        Assert.True(settings.Headless);
    }

    [Fact]
    public void Google_chrome_is_used_where_it_is_the_only_browser()
    {
        var settings = BrowserSettings.FromEnvironment(Env(), path => path == "/usr/bin/google-chrome");

        Assert.Equal("/usr/bin/google-chrome", settings.ExecutablePath);
    }

    [Fact]
    public void A_configured_binary_that_does_not_exist_is_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BrowserSettings.FromEnvironment(Env((BrowserSettings.ExecutableVariable, "/opt/nowhere/chrome")), _ => false));

        Assert.Equal("MATRIXRTC_E2E_CHROMIUM=/opt/nowhere/chrome: no such file.", error.Message);
    }

    [Fact]
    public void No_browser_at_all_says_what_to_install_or_set()
    {
        var error = Assert.Throws<BrowserNotFoundException>(() => BrowserSettings.FromEnvironment(Env(), _ => false));

        Assert.Contains("install Debian's chromium or set MATRIXRTC_E2E_CHROMIUM", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    public void Headless_can_be_turned_off(string value, bool headless) =>
        Assert.Equal(headless, BrowserSettings.FromEnvironment(Env((BrowserSettings.HeadlessVariable, value)), _ => true).Headless);

    [Fact]
    public void A_malformed_headless_value_is_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BrowserSettings.FromEnvironment(Env((BrowserSettings.HeadlessVariable, "maybe")), _ => true));

        Assert.Equal("MATRIXRTC_E2E_HEADLESS=maybe: expected true or false.", error.Message);
    }
}
