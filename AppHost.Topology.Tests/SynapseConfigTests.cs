using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

/// <summary>homeserver.yaml has every key needed for calls, delayed events and MAS.</summary>
public sealed class SynapseConfigTests : IDisposable
{
    private readonly RenderedLab lab = new();

    public void Dispose() => lab.Dispose();

    [Fact]
    public void Uses_the_stable_MAS_section_and_never_msc3861()
    {
        Assert.Equal("true", lab.Synapse.Text("matrix_authentication_service", "enabled"));
        Assert.False(lab.Synapse.Has("experimental_features", "msc3861"), "Synapse >= 1.157 refuses to start with msc3861");
        Assert.Equal("false", lab.Synapse.Text("password_config", "enabled"));
    }

    [Fact]
    public void Enables_delayed_events_rtc_transports_and_state_after()
    {
        Assert.Equal("24h", lab.Synapse.Text("max_event_delay_duration"));
        Assert.Equal("true", lab.Synapse.Text("experimental_features", "msc4143_enabled"));
        Assert.Equal("true", lab.Synapse.Text("experimental_features", "msc4222_enabled"));
        var transport = Assert.Single(lab.Synapse.Items("matrix_rtc", "transports"));
        Assert.Equal("livekit", transport.Text("type"));
        Assert.Equal(lab.Json("endpoints.json").GetProperty("authServiceUrl").GetString()!.TrimEnd('/'), transport.Text("livekit_service_url"));
    }

    [Fact]
    public void Serves_openid_userinfo_on_the_client_listener()
    {
        var listener = Assert.Single(lab.Synapse.Items("listeners"));
        var names = listener.Items("resources").SelectMany(r => r.Items("names")).Select(n => n.ToString()).ToList();
        Assert.Contains("client", names);
        Assert.Contains("openid", names);
        Assert.Equal("false", listener.Text("tls"));
    }

    [Fact]
    public void Publishes_both_well_knowns_with_rtc_foci_for_older_clients()
    {
        Assert.Equal("true", lab.Synapse.Text("serve_server_wellknown"));
        Assert.Equal(new Uri(lab.Synapse.Text("public_baseurl")), new Uri(lab.Json("well-known/matrix/client").GetProperty("m.homeserver").GetProperty("base_url").GetString()!));
        var focus = Assert.Single(lab.Synapse.Items("extra_well_known_client_content", "org.matrix.msc4143.rtc_foci"));
        var transport = Assert.Single(lab.Synapse.Items("matrix_rtc", "transports"));
        Assert.Equal(transport.Text("livekit_service_url"), focus.Text("livekit_service_url"));
        var rendered = lab.Json("well-known/matrix/client").GetProperty("org.matrix.msc4143.rtc_foci")[0];
        Assert.Equal(transport.Text("livekit_service_url"), rendered.GetProperty("livekit_service_url").GetString());
        Assert.Equal("lab.localhost:443", lab.Json("well-known/matrix/server").GetProperty("m.server").GetString());
    }

    [Fact]
    public void Raises_message_and_delayed_event_rate_limits_for_calls()
    {
        foreach (var key in new[] { "rc_message", "rc_delayed_event_mgmt" })
        {
            Assert.True(double.Parse(lab.Synapse.Text(key, "per_second"), System.Globalization.CultureInfo.InvariantCulture) >= 0.5, key);
            Assert.True(int.Parse(lab.Synapse.Text(key, "burst_count"), System.Globalization.CultureInfo.InvariantCulture) >= 20, key);
        }
    }

    [Fact]
    public void Production_rate_limits_and_sticky_events_are_scenario_switches()
    {
        using var strict = new RenderedLab(new LabOptions { RelaxedRateLimits = false, StickyEvents = true });
        Assert.Equal("0.5", strict.Synapse.Text("rc_message", "per_second"));
        Assert.Equal("20", strict.Synapse.Text("rc_delayed_event_mgmt", "burst_count"));
        Assert.Equal("true", strict.Synapse.Text("experimental_features", "msc4354_enabled"));
        Assert.False(lab.Synapse.Has("experimental_features", "msc4354_enabled"));
    }

    [Fact]
    public void Server_name_is_the_one_every_other_service_uses()
    {
        var serverName = lab.Synapse.Text("server_name");
        Assert.Equal(serverName, lab.Mas.Text("matrix", "homeserver"));
        Assert.Equal(serverName, lab.ElementWeb.GetProperty("default_server_config").GetProperty("m.homeserver").GetProperty("server_name").GetString());
        Assert.Equal(serverName, lab.AuthServiceEnvironment["LIVEKIT_FULL_ACCESS_HOMESERVERS"]);
        Assert.Equal(serverName, lab.Json("endpoints.json").GetProperty("serverName").GetString());
    }
}
