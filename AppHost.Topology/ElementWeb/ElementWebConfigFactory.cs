using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.Topology.ElementWeb;

/// <summary>Builds Element Web's and the embedded Element Call's config.json.</summary>
public static class ElementWebConfigFactory
{
    public const string ConfigDirectory = "/app";
    public const string ConfigFileName = "config.json";
    public const string EmbeddedElementCallDirectory = "/app/widgets/element-call";

    public static ElementWebConfig Create(LabOptions options, LabTopology topology) => new()
    {
        DefaultServerConfig = new ElementWebServerConfig(
            new ElementWebHomeserver(topology.Synapse.PublicOrigin, options.ServerName)),
        ElementCall = new ElementCallSettings(UseExclusively: true),
        Features = new Dictionary<string, bool>
        {
            ["feature_video_rooms"] = true,
            ["feature_element_call_video_rooms"] = true,
            ["feature_new_room_decoration_ui"] = true,
        },
        // MAS owns registration, password reset and deactivation.
        SettingDefaults = new Dictionary<string, bool>
        {
            ["UIFeature.registration"] = false,
            ["UIFeature.passwordReset"] = false,
            ["UIFeature.deactivate"] = false,
        },
        EmbeddedPages = new ElementWebEmbeddedPages(LoginForWelcome: true),
    };

    public static EmbeddedElementCallConfig CreateEmbeddedElementCall(LabTopology topology) => new(
        new EmbeddedElementCallLiveKit(topology.AuthService.PublicOrigin),
        new EmbeddedElementCallSession(WaitForKeyRotationMs: 5000, DelayedLeaveEventRestartMs: 4000, DelayedLeaveEventDelayMs: 18000));
}
