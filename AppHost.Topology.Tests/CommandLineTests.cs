using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Render_writes_every_file_and_lists_them()
    {
        using var temp = new TemporaryDirectory();
        var output = new StringWriter();
        var exit = LabCommandLine.Run(["render", "--out", Path.Combine(temp.Path, "out"), "--state", Path.Combine(temp.Path, "state")], output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(temp.Path, "out", "synapse", "conf", "homeserver.yaml")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "out", "endpoints.json")));
        Assert.Contains("mas/etc/mas/config.yaml", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_without_out_fails_naming_the_option()
    {
        var error = new StringWriter();
        var exit = LabCommandLine.Run(["render"], new StringWriter(), error);

        Assert.NotEqual(0, exit);
        Assert.Contains("--out", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_with_a_damaged_secrets_file_fails_with_a_message_not_a_stack_trace()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "secrets.json"), "not json");
        var error = new StringWriter();

        var exit = LabCommandLine.Run(["render", "--out", Path.Combine(temp.Path, "out"), "--state", temp.Path], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.StartsWith("render failed:", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}
