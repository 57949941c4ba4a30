namespace MatrixRtcLab.E2E.Media;

public sealed class MediaStillFlowingException(MediaSnapshot before, MediaSnapshot after, TimeSpan window)
    : Exception($"Remote media was expected to have stopped, but during {window.TotalSeconds:0.#} s it went from [{before}] to [{after}].")
{
    public MediaSnapshot Before { get; } = before;
    public MediaSnapshot After { get; } = after;
}
