using MatrixRtcLab.Topology.Endpoints;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Rendering;
using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

public sealed class EndpointsFileTests
{
    [Fact]
    public void Rendered_endpoints_file_round_trips_to_the_lab_model()
    {
        using var lab = new RenderedLab();
        var expected = LabModel.Load(lab.StateDirectory).Endpoints;

        var read = LabEndpointsFile.Read(Path.Combine(lab.OutputDirectory, LabRenderer.EndpointsFileName));

        Assert.Equal(expected with { Users = [] }, read with { Users = [] });
        Assert.Equal(expected.Users, read.Users);
        Assert.NotNull(read.MasAdminClient);
    }

    [Fact]
    public void Environment_variable_wins_over_the_default_path()
    {
        var previous = Environment.GetEnvironmentVariable(LabEndpointsFile.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(LabEndpointsFile.PathVariable, "/somewhere/else.json");
            Assert.Equal("/somewhere/else.json", LabEndpointsFile.ResolvePath("/repo/.lab"));
            Environment.SetEnvironmentVariable(LabEndpointsFile.PathVariable, null);
            Assert.Equal(Path.Combine("/repo", ".lab", "endpoints.json"), LabEndpointsFile.ResolvePath(LabState.Directory("/repo")));
            Assert.Equal(LabEndpointsFile.DefaultPath("/repo"), LabEndpointsFile.ResolvePath(LabState.Directory("/repo")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LabEndpointsFile.PathVariable, previous);
        }
    }
}
