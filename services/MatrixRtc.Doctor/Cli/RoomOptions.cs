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
    Option<Uri?> LiveKitServiceUrl,
    Option<TimeSpan> Timeout)
{
    public static RoomOptions Create() => new(
        new Argument<string>("room_id") { Description = "Room ID, e.g. !abc:example.org" },
        new Option<Uri?>("--homeserver") { CustomParser = UrlParser.Parse, Description = "Client-Server API base URL", Required = true },
        CommonOptions.Token(forUser: false),
        CommonOptions.LiveKitUrl(),
        CommonOptions.LiveKitKey(),
        CommonOptions.LiveKitSecret(),
        new Option<Uri?>("--livekit-service-url")
        {
            CustomParser = UrlParser.Parse,
            Description = "The auth service (lk-jwt-service) URL of this LiveKit, as members name it in livekit_service_url; members naming another are not judged",
        },
        CommonOptions.Timeout());

    public void AddTo(Command command)
    {
        command.Add(Room);
        command.Add(Homeserver);
        command.Add(Token);
        command.Add(LiveKitUrl);
        command.Add(LiveKitKey);
        command.Add(LiveKitSecret);
        command.Add(LiveKitServiceUrl);
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
        var serviceUrl = parse.GetValue(LiveKitServiceUrl);
        LiveKitCredentials? liveKit = null;
        if (url is not null || key is not null)
        {
            if (url is null || key is null || secret is null)
            {
                throw new DoctorUsageException("--livekit-url, --livekit-key and --livekit-secret must be given together");
            }

            liveKit = new LiveKitCredentials(url, key, secret) { ServiceUrl = serviceUrl };
        }
        else if (serviceUrl is not null)
        {
            throw new DoctorUsageException("--livekit-service-url needs --livekit-url, --livekit-key and --livekit-secret");
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
