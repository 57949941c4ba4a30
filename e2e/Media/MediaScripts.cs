using System.Reflection;

namespace MatrixRtcLab.E2E.Media;

/// <summary>The JavaScript the media checks inject, kept as real .js files (embedded resources).</summary>
public static class MediaScripts
{
    public static string RecordPeerConnections { get; } = Load("record-peer-connections.js");

    public static string SampleStats { get; } = Load("sample-media-stats.js");

    internal static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the e2e assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
