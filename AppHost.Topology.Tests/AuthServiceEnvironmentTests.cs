using MatrixRtc.AuthService.Configuration;
using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

/// <summary>The environment the lab renders for the auth service is one the service itself accepts, wired to the lab.</summary>
public sealed class AuthServiceEnvironmentTests
{
    [Fact]
    public void The_rendered_environment_is_valid_for_the_service_and_points_at_the_lab()
    {
        using var lab = new RenderedLab();
        var environment = lab.AuthServiceEnvironment;

        var settings = new AuthServiceSettingsReader(environment.GetValueOrDefault, File.ReadAllText).Read();

        Assert.Empty(settings.Warnings);
        var serverName = lab.ElementWeb.GetProperty("default_server_config").GetProperty("m.homeserver").GetProperty("server_name").GetString()!;
        Assert.True(settings.IsFullAccess(serverName));
        Assert.Contains(serverName, settings.FederationUrlOverrides.Keys);
        Assert.Contains(serverName, settings.ClientServerApiUrlOverrides.Keys);
        Assert.False(settings.BlockPrivateAddresses);
        Assert.Null(settings.Bind.Host); // every interface: LiveKit's webhook arrives through the host gateway
        Assert.Equal(TimeSpan.FromSeconds(30), settings.SanityCheckInterval);
        Assert.NotNull(settings.RedisUrl);
    }
}
