using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

public sealed class ContainerDescriptionTests : IDisposable
{
    private readonly RenderedLab lab = new();

    public void Dispose() => lab.Dispose();

    [Fact]
    public void Every_image_is_pinned_to_a_tag_that_is_not_latest()
    {
        var images = lab.Description.GetProperty("containers").EnumerateArray().Select(c => c.GetProperty("image"))
            .Append(lab.Description.GetProperty("postgres").GetProperty("image"))
            .Append(lab.Description.GetProperty("redis").GetProperty("image"))
            .ToList();

        Assert.Equal(ImageVersions.All.Count, images.Count);
        Assert.All(images, image =>
        {
            var tag = image.GetProperty("tag").GetString();
            Assert.False(string.IsNullOrWhiteSpace(tag));
            Assert.DoesNotContain("latest", tag, StringComparison.OrdinalIgnoreCase);
            Assert.Matches(@"\d", tag);
        });
    }

    [Fact]
    public void Every_container_has_an_HTTP_health_check_on_one_of_its_HTTP_endpoints()
    {
        Assert.All(lab.Description.GetProperty("containers").EnumerateArray(), container =>
        {
            var health = container.GetProperty("health_check");
            var endpointName = health.GetProperty("endpoint_name").GetString();
            Assert.StartsWith("/", health.GetProperty("path").GetString(), StringComparison.Ordinal);
            Assert.Contains(container.GetProperty("endpoints").EnumerateArray(),
                e => e.GetProperty("name").GetString() == endpointName && e.GetProperty("protocol").GetString() == "http");
        });
        Assert.Equal("/healthz", lab.Description.GetProperty("auth_service").GetProperty("health_path").GetString());
    }

    [Fact]
    public void Browser_facing_ports_are_published_one_to_one_except_Nextclouds_Apache()
    {
        var mismatched = lab.Description.GetProperty("containers").EnumerateArray()
            .SelectMany(c => c.GetProperty("endpoints").EnumerateArray().Select(e => (Container: c.GetProperty("name").GetString(), Endpoint: e)))
            .Where(x => x.Endpoint.GetProperty("host_port").GetInt32() != x.Endpoint.GetProperty("container_port").GetInt32())
            .Select(x => x.Container);
        Assert.Equal(["nextcloud"], mismatched);
    }

    [Fact]
    public void Persistent_volumes_share_the_documented_prefix()
    {
        var volumes = lab.Description.GetProperty("containers").EnumerateArray()
            .SelectMany(c => c.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("name").GetString()!))
            .Append(lab.Description.GetProperty("postgres").GetProperty("volume").GetString()!)
            .Append(lab.Description.GetProperty("redis").GetProperty("volume").GetString()!)
            .ToList();
        Assert.Equal(
            ["matrixrtc-lab-nextcloud-data", "matrixrtc-lab-postgres-data", "matrixrtc-lab-redis-data", "matrixrtc-lab-synapse-data"],
            volumes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resource_names_pass_Aspires_name_rules()
    {
        var names = lab.Description.GetProperty("containers").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)
            .Concat([LabResourceNames.Postgres, LabResourceNames.SynapseDatabase, LabResourceNames.MasDatabase, LabResourceNames.Redis, LabResourceNames.AuthService]);
        Assert.All(names, name => Assert.Matches("^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)$", name));
    }
}
