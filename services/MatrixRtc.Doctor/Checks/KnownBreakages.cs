namespace MatrixRtc.Doctor.Checks;

/// <summary>Fix hints, each tied to a known breakage of the stack.</summary>
internal static class KnownBreakages
{
    public const string ClientWellKnownCors =
        "Serve /.well-known/matrix/client (and every redirect to it) with 'Access-Control-Allow-Origin: *'; browsers cannot read it otherwise";

    public const string ClientWellKnownMissing =
        "Serve {\"m.homeserver\":{\"base_url\":…}} at https://<server_name>/.well-known/matrix/client so clients can find the homeserver";

    public const string ServerWellKnownMissing =
        "Serve {\"m.server\":\"<host>:443\"} at /.well-known/matrix/server (or Synapse serve_server_wellknown: true), else peers and lk-jwt-service assume port 8448";

    public const string RtcFociMissing =
        "Add org.matrix.msc4143.rtc_foci [{\"type\":\"livekit\",\"livekit_service_url\":…}] to the client well-known for clients older than Element Call 0.24";

    public const string FederationUnreachable =
        "The auth service validates OpenID tokens over federation: give Synapse a 'federation' (or 'openid') listener reachable at https://<server_name> with a certificate the auth service trusts";

    public const string ServerNameMismatch =
        "The federation endpoint answers for another server: server_name in homeserver.yaml must equal the tested name, and the server well-known must point at this homeserver";

    public const string VersionsCors =
        "Serve /_matrix/client/* with 'Access-Control-Allow-Origin: *' (Synapse does; a reverse proxy may strip it)";

    public const string DelayedEventsOff =
        "Set max_event_delay_duration (e.g. 24h) in homeserver.yaml; without MSC4140 delayed events crashed clients leave stuck calls";

    public const string DelayedEventsTooShort =
        "Raise max_event_delay_duration: Element Call schedules its leave 10 s ahead (delayed_leave_event_delay_ms) and the homeserver refuses longer delays";

    public const string TransportsMissing =
        "Enable experimental_features.msc4143_enabled and list the auth service under matrix_rtc.transports in homeserver.yaml; current Element Call finds the SFU only there (MISSING_MATRIX_RTC_TRANSPORT)";

    public const string TransportsEmpty =
        "matrix_rtc.transports is empty: add {type: livekit, livekit_service_url: <auth service URL>}";

    public const string TransportsDiffer =
        "Make the well-known rtc_foci and matrix_rtc.transports name the same auth service, or older and newer clients end up on different SFUs";

    public const string TokenRejected =
        "The access token was refused: log in again (or mint a compatibility token with mas-cli) and pass the new one";

    public const string OpenIdFailed =
        "The homeserver did not issue an OpenID token; check that the user exists and the access token is valid";

    public const string AuthServiceUnhealthy =
        "Start the MatrixRTC Authorization Service and route <livekit_service_url>/healthz to it; probe it from outside the container";

    public const string AuthServiceMisrouted =
        "The reverse proxy does not reach the auth service: route <livekit_service_url>/get_token and /sfu/get to it unchanged (they answer 405 to GET)";

    public const string AuthServiceCors =
        "Browsers call the auth service cross-origin: OPTIONS /get_token must answer 200 with 'Access-Control-Allow-Origin: *'";

    public const string UserInfoFailed =
        "The auth service cannot verify OpenID tokens: /_matrix/federation/v1/openid/userinfo must answer on the federation base of the user's server";

    public const string CreateRoomFailed =
        "The auth service could not create the LiveKit room: LIVEKIT_URL must be reachable from the auth service, LIVEKIT_KEY/SECRET must match LiveKit's keys, LiveKit ≥ 1.9.11";

    public const string LiveKitUnreachable =
        "LiveKit does not answer: start it with explicit keys (--dev without keys binds 127.0.0.1 only) and route the signalling URL to port 7880";

    public const string LiveKitKeyMismatch =
        "LiveKit rejected the auth service's token: LIVEKIT_KEY/LIVEKIT_SECRET of the auth service must be one of LiveKit's 'keys'";

    public const string RestrictedUser =
        "This user's server is not in LIVEKIT_FULL_ACCESS_HOMESERVERS, so its users can only join calls a full-access user started; list the server name if that is wrong";

    public const string AutoCreateOpen =
        "Set room.auto_create: false in LiveKit's config: with it on, any holder of a join token (also restricted users) creates rooms";

    public const string IssuerMismatch =
        "MAS's discovery document names a different issuer than Synapse advertises: set http.public_base to the exact browser URL and leave issuer at its default";

    public const string MasUnreachable =
        "The OIDC issuer's /.well-known/openid-configuration does not answer: MAS must be reachable at its public_base";
}
