using System.Text.Json.Serialization;

namespace MatrixRtcLab.Topology.ElementWeb;

/// <summary>Element Web's config.json (keys as of Element Web 1.12.24+; no feature_group_calls).</summary>
public sealed record ElementWebConfig
{
    public required ElementWebServerConfig DefaultServerConfig { get; init; }
    public required ElementCallSettings ElementCall { get; init; }
    public required Dictionary<string, bool> Features { get; init; }
    public required Dictionary<string, bool> SettingDefaults { get; init; }
    public required ElementWebEmbeddedPages EmbeddedPages { get; init; }
    public bool DisableCustomUrls { get; init; } = true;
    public string Brand { get; init; } = "MatrixRTC Lab";
}

public sealed record ElementWebServerConfig([property: JsonPropertyName("m.homeserver")] ElementWebHomeserver Homeserver);

public sealed record ElementWebHomeserver(string BaseUrl, string ServerName);

/// <summary>Element Call inside Element Web: <c>use_exclusively</c> routes every call through MatrixRTC.</summary>
public sealed record ElementCallSettings(bool UseExclusively);

public sealed record ElementWebEmbeddedPages(bool LoginForWelcome);
