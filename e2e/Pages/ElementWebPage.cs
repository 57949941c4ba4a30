using System.Text.Json;
using System.Text.RegularExpressions;
using MatrixRtcLab.E2E.Matrix;
using MatrixRtcLab.Topology.Endpoints;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace MatrixRtcLab.E2E.Pages;

/// <summary>Element Web as one user sees it: logging in, opening rooms, starting and joining calls.</summary>
public sealed class ElementWebPage(IPage page, LabEndpoints lab)
{
    public IPage Page => page;

    /// <summary>
    /// Hands Element Web an existing session (upstream's "login path B"): the access token and device go
    /// into localStorage before the app loads, so the page starts logged in as that device.
    /// </summary>
    public async Task LogInWithSessionAsync(MatrixUser user)
    {
        var seed = JsonSerializer.Serialize(new
        {
            origin = lab.ElementWebUrl.GetLeftPart(UriPartial.Authority),
            items = new Dictionary<string, string>
            {
                ["mx_hs_url"] = lab.HomeserverUrl.ToString().TrimEnd('/'),
                ["mx_user_id"] = user.UserId,
                ["mx_access_token"] = user.AccessToken,
                ["mx_device_id"] = user.DeviceId,
                ["mx_is_guest"] = "false",
                ["mx_has_pickle_key"] = "false",
                ["mx_has_access_token"] = "true",
                ["mx_local_settings"] = """{"language":"en"}""",
            },
        });
        await page.Context.AddInitScriptAsync($$"""
            (() => {
              const seed = {{seed}};
              if (location.origin !== seed.origin || localStorage.getItem("mx_user_id")) return;
              for (const [key, value] of Object.entries(seed.items)) localStorage.setItem(key, value);
            })();
            """);
        await page.GotoAsync(lab.ElementWebUrl.ToString());
        await WaitUntilReadyAsync();
    }

    /// <summary>The real flow: Element Web → MAS → Nextcloud's login form → (consents) → back in Element Web.</summary>
    public async Task LogInThroughNextcloudAsync(LabUser user)
    {
        await page.GotoAsync(new Uri(lab.ElementWebUrl, "#/login").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = Selectors.ElementWeb.LoginContinueButton, Exact = true })
            .ClickAsync(new() { Timeout = 30_000 });

        var userField = page.Locator(Selectors.Nextcloud.UserField);
        await Expect(userField).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (lab.NextcloudUrl is { } nextcloud)
        {
            Assert.StartsWith(nextcloud.GetLeftPart(UriPartial.Authority), page.Url, StringComparison.Ordinal);
        }
        await userField.FillAsync(user.Username);
        await page.Locator(Selectors.Nextcloud.PasswordField).FillAsync(user.Password);
        await page.Locator(Selectors.Nextcloud.SubmitButton).First.ClickAsync();

        // Depending on versions and earlier runs there may be a Nextcloud "allow this client" page and
        // a MAS consent page between the form and Element Web; click through whichever appears.
        var started = TimeProvider.System.GetTimestamp();
        while (!Selectors.ElementWeb.HomeUrl.IsMatch(page.Url) && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(45))
        {
            var nextcloudAllow = page.GetByRole(AriaRole.Button, new() { NameRegex = Selectors.Nextcloud.AuthorizeButton });
            var masConsent = page.GetByRole(AriaRole.Button, new() { Name = Selectors.Mas.ConsentContinueButton, Exact = true });
            if (await nextcloudAllow.IsVisibleAsync())
            {
                await nextcloudAllow.ClickAsync();
            }
            else if (lab.MasUrl is { } mas && page.Url.StartsWith(mas.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && await masConsent.IsVisibleAsync())
            {
                await masConsent.ClickAsync();
            }
            await page.WaitForTimeoutAsync(250);
        }
        await Expect(page).ToHaveURLAsync(Selectors.ElementWeb.HomeUrl, new() { Timeout = 10_000 });
        await WaitUntilReadyAsync();
    }

    public Task<string> LoggedInUserIdAsync() => page.EvaluateAsync<string>("() => window.mxMatrixClientPeg.get().getUserId()");

    public async Task OpenRoomAsync(string roomId)
    {
        await page.GotoAsync(new Uri(lab.ElementWebUrl, $"#/room/{roomId}").ToString());
        await Expect(page.Locator(Selectors.ElementWeb.RoomHeader)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await DismissStartupToastsAsync();
    }

    /// <summary>Starts a video call from the room header; returns the Element Call widget (in its lobby, or already joined).</summary>
    public async Task<ElementCallFrame> StartVideoCallAsync()
    {
        await page.Locator(Selectors.ElementWeb.RoomHeader)
            .GetByRole(AriaRole.Button, new() { Name = Selectors.ElementWeb.VideoCallButton, Exact = true })
            .ClickAsync(new() { Timeout = 15_000 });
        // With more than one call provider Element Web asks which; with Element Call alone it does not.
        var menuItem = page.GetByRole(AriaRole.Menuitem, new() { Name = Selectors.ElementWeb.ElementCallMenuItem });
        try
        {
            await menuItem.ClickAsync(new() { Timeout = 2_000 });
        }
        catch (TimeoutException)
        {
        }
        return await CallFrameAsync();
    }

    /// <summary>Joins the call running in the open room through the room header.</summary>
    public async Task<ElementCallFrame> OpenRunningCallAsync()
    {
        await page.GetByTestId(Selectors.ElementWeb.JoinCallButtonTestId).ClickAsync(new() { Timeout = 20_000 });
        return await CallFrameAsync();
    }

    /// <summary>Answers the incoming-call toast (DMs ring; group calls show "started").</summary>
    public async Task<ElementCallFrame> AnswerFromToastAsync()
    {
        await Expect(page.GetByText(Selectors.ElementWeb.IncomingCallToast)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Button, new() { Name = Selectors.ElementWeb.ToastJoinButton, Exact = true })
            .ClickAsync();
        return await CallFrameAsync();
    }

    /// <summary>The MatrixRTC memberships Element Web's client currently sees in the room.</summary>
    public Task<int> RtcMembershipCountAsync(string roomId) => page.EvaluateAsync<int>(
        """
        roomId => {
          const client = window.mxMatrixClientPeg.get();
          const room = client.getRoom(roomId);
          return room ? client.matrixRTC.getRoomSession(room).memberships.length : 0;
        }
        """, roomId);

    private async Task<ElementCallFrame> CallFrameAsync()
    {
        await Expect(page.Locator(Selectors.ElementWeb.CallIframe)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        return new ElementCallFrame(page);
    }

    private async Task WaitUntilReadyAsync()
    {
        await Expect(page.Locator(Selectors.ElementWeb.App)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = Selectors.ElementWeb.RoomListNavigation }))
            .ToBeVisibleAsync(new() { Timeout = 30_000 });
        await DismissStartupToastsAsync();
    }

    /// <summary>
    /// Clicks away the known start-up toasts, answering the dialog a dismissal opens, and stops at the first
    /// other toast (as upstream does). Element Web shows one toast at a time, so each must be gone before the next.
    /// </summary>
    internal async Task DismissStartupToastsAsync()
    {
        var toast = page.Locator(Selectors.ElementWeb.Toast).First;
        for (var i = 0; i < Selectors.ElementWeb.StartupToasts.Count; i++) // each known toast at most once
        {
            try
            {
                await toast.WaitForAsync(new() { Timeout = 700 });
            }
            catch (TimeoutException)
            {
                return;
            }
            // Reads without waiting: a toast with no title (the incoming call) has nothing to wait for.
            var title = (await toast.Locator(Selectors.ElementWeb.ToastTitle).AllTextContentsAsync()).FirstOrDefault()?.Trim();
            var known = Selectors.ElementWeb.StartupToasts.FirstOrDefault(t => t.Title == title);
            if (known is null)
            {
                return;
            }
            await toast.GetByRole(AriaRole.Button, new() { Name = known.DismissButton, Exact = true })
                .ClickAsync(new() { Timeout = 5_000 });
            if (known.ConfirmButton is { } confirm)
            {
                await page.Locator(Selectors.ElementWeb.Dialog).GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true })
                    .ClickAsync(new() { Timeout = 5_000 });
            }
            // Some dismissals write account data before the toast goes.
            var titled = new Regex($"^{Regex.Escape(known.Title)}$");
            await Expect(page.Locator(Selectors.ElementWeb.ToastTitle).Filter(new() { HasTextRegex = titled }))
                .ToHaveCountAsync(0, new() { Timeout = 10_000 });
        }
    }
}
