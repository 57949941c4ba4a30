using System.Text.Json.Serialization;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.Topology.Synapse;

/// <summary>
/// The .well-known documents of the lab's server name. Synapse serves them itself (public_baseurl
/// + extra_well_known_client_content, serve_server_wellknown); the renderer also writes them so
/// they can be read without a running lab.
/// </summary>
public static class WellKnown
{
    /// <summary>Legacy transport discovery, still read by Element Call &lt;= 0.23 and older clients.</summary>
    public const string RtcFociKey = "org.matrix.msc4143.rtc_foci";

    public static WellKnownClient Client(LabTopology topology) => new(
        new WellKnownHomeserver(topology.Synapse.PublicUrl.ToString()),
        [new WellKnownRtcFocus("livekit", topology.AuthService.PublicOrigin)]);

    /// <summary>What Synapse serves for serve_server_wellknown: the server name's host on port 443.</summary>
    public static WellKnownServer Server(LabOptions options) => new($"{options.ServerName}:443");
}

public sealed record WellKnownClient(
    [property: JsonPropertyName("m.homeserver")] WellKnownHomeserver Homeserver,
    [property: JsonPropertyName(WellKnown.RtcFociKey)] List<WellKnownRtcFocus> RtcFoci);

public sealed record WellKnownHomeserver(string BaseUrl);

public sealed record WellKnownRtcFocus(string Type, string LivekitServiceUrl);

public sealed record WellKnownServer([property: JsonPropertyName("m.server")] string Server);
