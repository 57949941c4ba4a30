using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.Topology.Tests;

public sealed class LabOptionsReaderTests
{
    private static LabOptions Read(params (string Key, string Value)[] values) =>
        LabOptionsReader.Read(key => values.FirstOrDefault(v => v.Key == key).Value);

    [Fact]
    public void Unset_keys_keep_the_defaults() => Assert.Equal(new LabOptions(), Read());

    [Fact]
    public void Switches_are_read()
    {
        var options = Read(("Lab:ServerName", "calls.localhost"), ("Lab:RelaxedRateLimits", "false"), ("Lab:StickyEvents", "True"));
        Assert.Equal("calls.localhost", options.ServerName);
        Assert.False(options.RelaxedRateLimits);
        Assert.True(options.StickyEvents);
    }

    [Theory]
    [InlineData("auto", ContainerUse.Auto)]
    [InlineData("On", ContainerUse.On)]
    [InlineData("off", ContainerUse.Off)]
    public void Container_use_is_read(string value, ContainerUse expected) =>
        Assert.Equal(expected, Read(("Lab:Containers", value)).Containers);

    [Fact]
    public void Runtimes_login_and_commands_are_read()
    {
        var options = Read(("Lab:Runtime", "local"), ("Lab:Login", "password"), ("Lab:Postgres:Runtime", "container"),
            ("Lab:Synapse:Command", "/venv/bin/python -m synapse.app.homeserver"));
        Assert.Equal(LabRuntime.Local, options.Runtime);
        Assert.Equal(LabLogin.Password, options.Login);
        Assert.Equal(new ComponentOptions(LabRuntime.Container), options.Postgres);
        Assert.Equal(new ComponentOptions(null, "/venv/bin/python -m synapse.app.homeserver"), options.Synapse);
        Assert.Equal(new ComponentOptions(), options.Redis);
    }

    [Fact]
    public void The_volume_prefix_is_read() =>
        Assert.Equal("matrixrtc-e2e-1f2e3d4c", Read(("Lab:VolumePrefix", "matrixrtc-e2e-1f2e3d4c")).VolumePrefix);

    [Theory]
    [InlineData("Lab:Runtime", "docker")]
    [InlineData("Lab:Login", "oidc")]
    [InlineData("Lab:Synapse:Runtime", "venv")]
    [InlineData("Lab:Containers", "maybe")]
    [InlineData("Lab:Containers", "1")]
    [InlineData("Lab:StickyEvents", "yes")]
    [InlineData("Lab:RelaxedRateLimits", "1")]
    [InlineData("Lab:ServerName", "Lab.Localhost")]
    [InlineData("Lab:ServerName", "lab.localhost/x")]
    [InlineData("Lab:ServerName", "-lab")]
    [InlineData("Lab:VolumePrefix", "-lab")]
    [InlineData("Lab:VolumePrefix", "lab/e2e")]
    public void Bad_values_name_the_key(string key, string value) =>
        Assert.Contains(key, Assert.Throws<ArgumentException>(() => Read((key, value))).Message, StringComparison.Ordinal);
}
