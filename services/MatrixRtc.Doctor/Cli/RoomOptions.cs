using System.CommandLine;
using MatrixRtc.Doctor.Memberships;

namespace MatrixRtc.Doctor.Cli;

/// <summary>The room, homeserver, token and LiveKit options of <c>calls</c> and <c>unstick</c>.</summary>
internal sealed record RoomOptions(
    Argument<string> Room,
    Option<Uri?> Homeserver,
    Option<string?> Token,
    Option<Uri?> LiveKitUrl,
    Option<string?> LiveKitKey,
    Option<string?> LiveKitSecret,
    Option<TimeSpan> Timeout)
{
    public static RoomOptions Create() => new(
        new Argument<string>("room_id") { Description = "Room ID, e.g. !abc:example.org" },
        new Option<Uri?>("--homeserver") { CustomParser = UrlParser.Parse, Description = "Client-Server API base URL", Required = true },
        CommonOptions.Token(forUser: false),
        CommonOptions.LiveKitUrl(),
        CommonOptions.LiveKitKey(),
        CommonOptions.LiveKitSecret(),
        CommonOptions.Timeout());

    public void AddTo(Command command)
    {
        command.Add(Room);
        command.Add(Homeserver);
        command.Add(Token);
        command.Add(LiveKitUrl);
        command.Add(LiveKitKey);
        command.Add(LiveKitSecret);
        command.Add(Timeout);
    }

    /// <exception cref="DoctorUsageException">Missing token or incomplete LiveKit credentials.</exception>
    public CallInspectionOptions Read(ParseResult parse)
    {
        var token = CommonOptions.FromEnvironment(parse.GetValue(Token), CommonOptions.TokenVariable)
            ?? throw new DoctorUsageException($"--token (or {CommonOptions.TokenVariable}) is required");
        var url = parse.GetValue(LiveKitUrl);
        var key = parse.GetValue(LiveKitKey);
        var secret = CommonOptions.FromEnvironment(parse.GetValue(LiveKitSecret), CommonOptions.LiveKitSecretVariable);
        LiveKitCredentials? liveKit = null;
        if (url is not null || key is not null)
        {
            if (url is null || key is null || secret is null)
            {
                throw new DoctorUsageException("--livekit-url, --livekit-key and --livekit-secret must be given together");
            }

            liveKit = new LiveKitCredentials(url, key, secret);
        }

        return new CallInspectionOptions
        {
            HomeserverUrl = parse.GetValue(Homeserver) ?? throw new DoctorUsageException("--homeserver is required"),
            AccessToken = token,
            RoomId = parse.GetRequiredValue(Room),
            LiveKit = liveKit,
            Timeout = parse.GetValue(Timeout),
        };
    }
}
