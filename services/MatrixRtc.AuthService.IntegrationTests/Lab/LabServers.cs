namespace MatrixRtc.AuthService.IntegrationTests.Lab;

/// <summary>What a test needs from the lab; a test skips when one of them is missing on this machine.</summary>
[Flags]
public enum LabServers
{
    None = 0,

    /// <summary>A real Synapse (container, or local process from the Synapse root).</summary>
    Synapse = 1,

    /// <summary>A real Redis (container, or local redis-server).</summary>
    Redis = 2,

    /// <summary>The real LiveKit SFU (only as a container), for what the test SFU does not do: signalling, /rtc/validate, ListRooms.</summary>
    RealLiveKit = 4,
}
