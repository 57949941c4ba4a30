using System.CommandLine;
using MatrixRtc.Doctor.Checks;

namespace MatrixRtc.Doctor.Cli;

/// <summary><c>rtc-doctor check &lt;server_name&gt;</c>.</summary>
internal static class CheckCommand
{
    public static Command Create(DoctorConsole io)
    {
        var server = new Argument<string>("server_name") { Description = "Matrix server name, e.g. example.org" };
        var user = new Option<string?>("--user", "-u") { Description = "User ID (or localpart) for the authenticated checks" };
        var token = CommonOptions.Token(forUser: true);
        var baseUrl = new Option<Uri?>("--base-url") { CustomParser = UrlParser.Parse, Description = "Where /.well-known/matrix/* is served (default https://<server_name>); for labs on http or another port" };
        var clientUrl = new Option<Uri?>("--client-url") { CustomParser = UrlParser.Parse, Description = "Client-Server API base; overrides the client well-known" };
        var federationUrl = new Option<Uri?>("--federation-url") { CustomParser = UrlParser.Parse, Description = "Federation base; overrides the server well-known" };
        var authUrl = new Option<Uri?>("--auth-service-url") { CustomParser = UrlParser.Parse, Description = "MatrixRTC Authorization Service base; overrides the discovered transport" };
        var room = new Option<string?>("--room") { Description = "A room the user has joined: enables the delayed-event round trip and is used for the token exchange (default: a fresh, unused room ID)" };
        var liveKitUrl = CommonOptions.LiveKitUrl();
        var liveKitKey = CommonOptions.LiveKitKey();
        var liveKitSecret = CommonOptions.LiveKitSecret();
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate (self-signed lab certificates)" };
        var timeout = CommonOptions.Timeout();
        var json = CommonOptions.Json();

        var command = new Command("check", "Diagnose a MatrixRTC deployment: well-knowns, federation, client API, MAS, transports, auth service, LiveKit, TURN")
        {
            server, user, token, baseUrl, clientUrl, federationUrl, authUrl, room, liveKitUrl, liveKitKey, liveKitSecret, insecure, timeout, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new DeploymentCheckOptions
            {
                ServerName = parse.GetRequiredValue(server),
                ServerBaseUrl = parse.GetValue(baseUrl),
                ClientUrl = parse.GetValue(clientUrl),
                FederationUrl = parse.GetValue(federationUrl),
                AuthServiceUrl = parse.GetValue(authUrl),
                LiveKitUrl = parse.GetValue(liveKitUrl),
                UserId = parse.GetValue(user),
                AccessToken = CommonOptions.FromEnvironment(parse.GetValue(token), CommonOptions.TokenVariable),
                RoomId = parse.GetValue(room),
                LiveKitKey = parse.GetValue(liveKitKey),
                LiveKitSecret = CommonOptions.FromEnvironment(parse.GetValue(liveKitSecret), CommonOptions.LiveKitSecretVariable),
                Timeout = parse.GetValue(timeout),
            };
            return await io.RunAsync(async http =>
            {
                var report = await new DeploymentChecker(http).RunAsync(options, ct);
                if (parse.GetValue(json))
                {
                    CheckReportRenderer.Json(io.Output, report);
                }
                else
                {
                    CheckReportRenderer.Human(io.Console, report);
                }

                return report.HasFailures ? ExitCodes.Failed : ExitCodes.Ok;
            }, parse.GetValue(insecure));
        });
        return command;
    }
}
