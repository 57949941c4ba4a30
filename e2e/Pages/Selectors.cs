using System.Text.RegularExpressions;

namespace MatrixRtcLab.E2E.Pages;

/// <summary>
/// Every selector and UI string the stack tests depend on, in one place: Element Web, Element Call,
/// MAS and Nextcloud change labels between releases, and this is the one file to update.
/// </summary>
public static partial class Selectors
{
    public static class ElementWeb
    {
        public const string App = ".mx_MatrixChat";
        public const string RoomListNavigation = "Room list";
        public const string RoomHeader = ".mx_RoomHeader";
        public const string Toast = ".mx_Toast_toast";
        /// <summary>The title Element Web's toast frame shows; a toast added without one (the incoming call) has none.</summary>
        public const string ToastTitle = ".mx_Toast_title h2";
        /// <summary>The open modal dialog (Element Web's Modal), above a background that takes every other click.</summary>
        public const string Dialog = ".mx_Dialog";
        public const string VideoCallButton = "Video call";
        public const string ElementCallMenuItem = "Element Call";
        public const string JoinCallButtonTestId = "join-call-button";
        public const string CallIframe = "iframe[title=\"Element Call\"]";
        public const string LoginContinueButton = "Continue";

        /// <summary>Start-up toasts to click away; anything else is left alone.</summary>
        public static IReadOnlyList<StartupToast> StartupToasts { get; } =
        [
            new("Failed to load service worker", DismissButton: "OK"),
            new("Back up your chats", DismissButton: "Dismiss"),
            // Its "Dismiss" asks "Are you sure you want to keep key storage turned off?" in a dialog first.
            new("Turn on key storage", DismissButton: "Dismiss", ConfirmButton: "Yes, dismiss"),
            new("Notifications", DismissButton: "Dismiss"),
        ];

        /// <summary>The incoming-call toast's own heading: it has no <see cref="ToastTitle"/>.</summary>
        public static Regex IncomingCallToast { get; } = IncomingCallToastRegex();
        public const string ToastJoinButton = "Join";

        /// <summary>The fragment Element Web lands on after a successful OIDC login.</summary>
        public static Regex HomeUrl { get; } = HomeUrlRegex();
    }

    /// <summary>
    /// A toast by its title, the button that dismisses it, and the button in the dialog that button opens,
    /// if it opens one.
    /// </summary>
    public sealed record StartupToast(string Title, string DismissButton, string? ConfirmButton = null);

    public static class ElementCall
    {
        public const string LobbyJoinTestId = "lobby_joinCall";
        public const string LeaveTestId = "incall_leave";
        public const string VideoTileTestId = "videoTile";
        public const string WaitingForMedia = "Waiting for media...";
        public const string Video = "video";
    }

    public static class Mas
    {
        /// <summary>The consent page asks "Continue to &lt;client&gt;?" (newer) or "Allow access…" (older); both continue with this.</summary>
        public const string ConsentContinueButton = "Continue";
    }

    public static class Nextcloud
    {
        public const string UserField = "input[name=\"user\"]";
        public const string PasswordField = "input[name=\"password\"]";
        public const string SubmitButton = "button[type=\"submit\"]";
        /// <summary>Nextcloud's OIDC app may ask once per client whether to allow it.</summary>
        public static Regex AuthorizeButton { get; } = AuthorizeButtonRegex();
    }

    [GeneratedRegex("Incoming (video|voice) call|Group call started", RegexOptions.IgnoreCase)]
    private static partial Regex IncomingCallToastRegex();

    [GeneratedRegex("#/(home|room/.*)$")]
    private static partial Regex HomeUrlRegex();

    [GeneratedRegex("^(Allow|Authorize|Grant access)$", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizeButtonRegex();
}
