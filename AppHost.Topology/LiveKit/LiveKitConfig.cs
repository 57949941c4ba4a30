namespace MatrixRtcLab.Topology.LiveKit;

/// <summary>LiveKit's config (parsed strictly by LiveKit: only keys it knows).</summary>
public sealed record LiveKitConfig
{
    public required int Port { get; init; }
    public required List<string> BindAddresses { get; init; }
    public required LiveKitRtc Rtc { get; init; }
    public required LiveKitTurn Turn { get; init; }
    public required Dictionary<string, string> Keys { get; init; }
    public required LiveKitRoom Room { get; init; }
    public required LiveKitWebhook Webhook { get; init; }
    public LiveKitLogging Logging { get; init; } = new("info");
}

public sealed record LiveKitRtc
{
    public required int TcpPort { get; init; }
    public required int UdpPort { get; init; }
    public required bool UseExternalIp { get; init; }
    public required string NodeIp { get; init; }
}

public sealed record LiveKitTurn(bool Enabled);

public sealed record LiveKitRoom(bool AutoCreate);

public sealed record LiveKitWebhook(string ApiKey, List<string> Urls);

public sealed record LiveKitLogging(string Level);
