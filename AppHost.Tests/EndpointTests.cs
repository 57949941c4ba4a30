using System.Net.Sockets;
using System.Text.RegularExpressions;
using MatrixRtcLab.AppHost.Tests.Support;
using MatrixRtcLab.Topology.Containers;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Tests;

[Collection(LabAppModelCollection.Name)]
public sealed partial class EndpointTests(LabAppModel lab)
{
    [Fact]
    public void Every_container_endpoint_is_the_models_port_published_one_to_one_and_unproxied()
    {
        foreach (var spec in lab.Lab.Containers)
        {
            var endpoints = lab.Resource(spec.Name).Annotations.OfType<EndpointAnnotation>().ToList();
            Assert.Equal(spec.Endpoints.Select(e => e.Name).Order(), endpoints.Select(e => e.Name).Order());
            foreach (var expected in spec.Endpoints)
            {
                var actual = endpoints.Single(e => e.Name == expected.Name);
                Assert.Equal(expected.HostPort, actual.Port);
                Assert.Equal(expected.ContainerPort, actual.TargetPort);
                Assert.False(actual.IsProxied, $"{spec.Name}/{expected.Name} must be unproxied");
                Assert.Equal(expected.Protocol == EndpointProtocol.Udp ? ProtocolType.Udp : ProtocolType.Tcp, actual.Protocol);
            }
        }
    }

    [Fact]
    public void The_auth_service_and_Redis_listen_on_the_models_fixed_host_ports()
    {
        var auth = Assert.Single(lab.Resource(LabResourceNames.AuthService).Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(lab.Lab.Topology.AuthService.HostPort, auth.Port);
        Assert.False(auth.IsProxied);

        var redis = Assert.Single(lab.Resource(LabResourceNames.Redis).Annotations.OfType<EndpointAnnotation>(), e => e.Name == "tcp");
        Assert.Equal(lab.Lab.Topology.Redis.HostPort, redis.Port);
        Assert.Equal(lab.Lab.Topology.Redis.ContainerPort, redis.TargetPort);
    }

    /// <summary>README's "What runs" table names each resource and exactly the host ports the model gives it.</summary>
    [Fact]
    public void Readme_table_shows_every_resource_with_exactly_its_fixed_host_ports()
    {
        var rows = ReadmeServiceRows();
        var resources = lab.Model.Resources.Where(r => r is ContainerResource or ProjectResource).ToList();

        Assert.Equal(resources.Select(r => r.Name).Order(), rows.Keys.Order());
        foreach (var resource in resources)
        {
            var fixedPorts = resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.Port is not null).Select(e => e.Port!.Value);
            var shown = PortPattern().Matches(rows[resource.Name]).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(fixedPorts.Order(), shown.Order());
        }
    }

    /// <summary>Resource name (second column, in backticks) → the "Browser / host" cell.</summary>
    private static Dictionary<string, string> ReadmeServiceRows()
    {
        var readme = File.ReadAllLines(Path.Combine(LabState.FindRepositoryRoot(AppContext.BaseDirectory), "README.md"));
        var table = readme.SkipWhile(l => l != "## What runs").Skip(1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2);
        return table.Select(row => row.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[2].Trim('`'), cells => cells[3], StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\b\d{4,5}\b")]
    private static partial Regex PortPattern();
}
