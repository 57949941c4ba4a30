using MatrixRtcLab.E2E.Media;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MatrixRtcLab.E2E.Pages;

/// <summary>The Element Call widget inside Element Web (<c>iframe[title="Element Call"]</c>).</summary>
public sealed class ElementCallFrame(IPage page)
{
    private IFrameLocator Frame => page.FrameLocator(Selectors.ElementWeb.CallIframe);

    /// <summary>Clicks "Join call" in the lobby, unless the widget skipped the lobby.</summary>
    public async Task JoinFromLobbyAsync()
    {
        var join = Frame.GetByTestId(Selectors.ElementCall.LobbyJoinTestId);
        var leave = Frame.GetByTestId(Selectors.ElementCall.LeaveTestId);
        await Expect(join.Or(leave)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (await join.IsVisibleAsync())
        {
            await join.ClickAsync();
        }
    }

    /// <summary>
    /// Connected: <paramref name="participants"/> tiles, none waiting for media, and as many visible videos
    /// (what Element Call's own tests check).
    /// </summary>
    public async Task WaitUntilConnectedAsync(int participants, TimeSpan timeout)
    {
        var ms = (float)timeout.TotalMilliseconds;
        await Expect(Frame.GetByTestId(Selectors.ElementCall.LeaveTestId)).ToBeVisibleAsync(new() { Timeout = ms });
        await Expect(Frame.GetByTestId(Selectors.ElementCall.VideoTileTestId)).ToHaveCountAsync(participants, new() { Timeout = ms });
        await Expect(Frame.GetByText(Selectors.ElementCall.WaitingForMedia)).Not.ToBeVisibleAsync(new() { Timeout = ms });
        await Expect(Frame.Locator(Selectors.ElementCall.Video).Filter(new() { Visible = true }))
            .ToHaveCountAsync(participants, new() { Timeout = ms });
    }

    public Task<int> VideoTileCountAsync() => Frame.GetByTestId(Selectors.ElementCall.VideoTileTestId).CountAsync();

    /// <summary>Media statistics of this page, the widget's peer connections included.</summary>
    public Task<MediaSnapshot> SampleMediaAsync() => MediaProbe.SampleAsync(page);

    public async Task HangUpAsync()
    {
        await Frame.GetByTestId(Selectors.ElementCall.LeaveTestId).ClickAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator(Selectors.ElementWeb.CallIframe)).Not.ToBeVisibleAsync(new() { Timeout = 15_000 });
    }
}
