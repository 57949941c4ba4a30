namespace MatrixRtcLab.E2E.Media;

/// <summary>WebRTC counters summed over every live peer connection in a page (all its frames).</summary>
public sealed record MediaSnapshot
{
    public int PeerConnections { get; init; }
    public int InboundVideoStreams { get; init; }
    public long VideoFramesDecoded { get; init; }
    public long VideoBytesReceived { get; init; }
    public int InboundAudioStreams { get; init; }
    public long AudioBytesReceived { get; init; }
    public long AudioSamplesReceived { get; init; }
    public long VideoFramesEncoded { get; init; }
    public int SucceededCandidatePairs { get; init; }

    public static MediaSnapshot Empty { get; } = new();

    public MediaSnapshot Add(MediaSnapshot other) => new()
    {
        PeerConnections = PeerConnections + other.PeerConnections,
        InboundVideoStreams = InboundVideoStreams + other.InboundVideoStreams,
        VideoFramesDecoded = VideoFramesDecoded + other.VideoFramesDecoded,
        VideoBytesReceived = VideoBytesReceived + other.VideoBytesReceived,
        InboundAudioStreams = InboundAudioStreams + other.InboundAudioStreams,
        AudioBytesReceived = AudioBytesReceived + other.AudioBytesReceived,
        AudioSamplesReceived = AudioSamplesReceived + other.AudioSamplesReceived,
        VideoFramesEncoded = VideoFramesEncoded + other.VideoFramesEncoded,
        SucceededCandidatePairs = SucceededCandidatePairs + other.SucceededCandidatePairs,
    };

    public override string ToString() =>
        $"pcs={PeerConnections} video(in={InboundVideoStreams}, framesDecoded={VideoFramesDecoded}, bytes={VideoBytesReceived}) " +
        $"audio(in={InboundAudioStreams}, bytes={AudioBytesReceived}, samples={AudioSamplesReceived}) " +
        $"framesEncoded={VideoFramesEncoded} icePairs={SucceededCandidatePairs}";
}
