using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

public sealed class LiveKitAndElementWebTests : IDisposable
{
    private readonly RenderedLab lab = new();

    public void Dispose() => lab.Dispose();

    [Fact]
    public void LiveKit_only_lets_the_auth_service_create_rooms_and_reports_to_its_webhook()
    {
        Assert.Equal("false", lab.LiveKit.Text("room", "auto_create"));
        var webhook = new Uri(lab.LiveKit.Items("webhook", "urls").Single().ToString());
        Assert.Equal("/sfu_webhook", webhook.AbsolutePath);
        Assert.Equal(lab.Description.GetProperty("auth_service").GetProperty("host_port").GetInt32(), webhook.Port);
    }

    [Fact]
    public void LiveKit_media_is_reachable_from_a_browser_on_this_machine()
    {
        Assert.Equal("false", lab.LiveKit.Text("turn", "enabled"));
        Assert.Equal("false", lab.LiveKit.Text("rtc", "use_external_ip"));
        Assert.Equal("127.0.0.1", lab.LiveKit.Text("rtc", "node_ip"));
        var endpoints = lab.Container("livekit").GetProperty("endpoints").EnumerateArray().ToList();
        foreach (var (key, protocol) in new[] { ("tcp_port", "tcp"), ("udp_port", "udp") })
        {
            var port = int.Parse(lab.LiveKit.Text("rtc", key), System.Globalization.CultureInfo.InvariantCulture);
            var endpoint = endpoints.Single(e => e.GetProperty("container_port").GetInt32() == port);
            Assert.Equal(port, endpoint.GetProperty("host_port").GetInt32());
            Assert.Equal(protocol, endpoint.GetProperty("protocol").GetString());
        }
    }

    [Fact]
    public void Element_Web_points_at_the_homeserver_and_uses_Element_Call_exclusively()
    {
        var homeserver = lab.ElementWeb.GetProperty("default_server_config").GetProperty("m.homeserver");
        Assert.Equal(new Uri(lab.Synapse.Text("public_baseurl")), new Uri(homeserver.GetProperty("base_url").GetString()!));
        Assert.True(lab.ElementWeb.GetProperty("element_call").GetProperty("use_exclusively").GetBoolean());
        Assert.False(lab.ElementWeb.GetProperty("features").TryGetProperty("feature_group_calls", out _), "removed in Element Web 1.12.24");
    }

    [Fact]
    public void Embedded_Element_Call_keeps_the_shipped_session_timings_and_a_transport_fallback()
    {
        var session = lab.EmbeddedElementCall.GetProperty("matrix_rtc_session");
        Assert.Equal(18000, session.GetProperty("delayed_leave_event_delay_ms").GetInt32());
        Assert.Equal(4000, session.GetProperty("delayed_leave_event_restart_ms").GetInt32());
        Assert.Equal(
            Assert.Single(lab.Synapse.Items("matrix_rtc", "transports")).Text("livekit_service_url"),
            lab.EmbeddedElementCall.GetProperty("livekit").GetProperty("livekit_service_url").GetString());
    }
}
