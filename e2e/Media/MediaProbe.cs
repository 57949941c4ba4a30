using Microsoft.Playwright;

namespace MatrixRtcLab.E2E.Media;

/// <summary>Reads <see cref="MediaSnapshot"/>s from a page, including the Element Call iframe.</summary>
public static class MediaProbe
{
    /// <summary>Call before the page is opened, so every frame records its peer connections.</summary>
    public static Task InstallAsync(IBrowserContext context) =>
        context.AddInitScriptAsync(MediaScripts.RecordPeerConnections);

    public static async Task<MediaSnapshot> SampleAsync(IPage page)
    {
        var total = MediaSnapshot.Empty;
        foreach (var frame in page.Frames)
        {
            if (frame.IsDetached)
            {
                continue;
            }
            try
            {
                total = total.Add(await frame.EvaluateAsync<MediaSnapshot>(MediaScripts.SampleStats));
            }
            catch (PlaywrightException) when (frame.IsDetached || page.IsClosed)
            {
                // The frame went away between listing and sampling (e.g. the call widget closed).
            }
        }
        return total;
    }
}
