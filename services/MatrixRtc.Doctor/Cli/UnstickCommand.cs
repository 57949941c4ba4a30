using System.CommandLine;
using MatrixRtc.Doctor.Unstick;

namespace MatrixRtc.Doctor.Cli;

/// <summary><c>rtc-doctor unstick &lt;room_id&gt;</c>: dry run unless <c>--apply</c>.</summary>
internal static class UnstickCommand
{
    public static Command Create(DoctorConsole io)
    {
        var room = RoomOptions.Create();
        var apply = new Option<bool>("--apply") { Description = "Write the leaves (default: dry run, nothing is written)" };
        var includeExpired = new Option<bool>("--include-expired") { Description = "Also clear expired, orphaned and invalid memberships (cosmetic)" };
        var forceSuspect = new Option<bool>("--force-suspect") { Description = "Without LiveKit credentials, clear active memberships older than --stale-after" };
        var staleAfter = new Option<TimeSpan>("--stale-after")
        {
            Description = "Age after which an active membership without LiveKit data is suspect",
            DefaultValueFactory = _ => TimeSpan.FromHours(2),
            CustomParser = DurationParser.Parse,
        };
        var grace = new Option<TimeSpan>("--grace")
        {
            Description = "Memberships younger than this are never stale (joining clients may not be on the SFU yet)",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
            CustomParser = DurationParser.Parse,
        };
        var verifyWait = new Option<TimeSpan>("--verify-wait")
        {
            Description = "After writing, wait this long and re-read to spot live clients re-joining",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(15),
            CustomParser = DurationParser.Parse,
        };
        var json = CommonOptions.Json();

        var command = new Command("unstick", "Clear stale call memberships so a stuck call ends; dry run by default");
        room.AddTo(command);
        command.Add(apply);
        command.Add(includeExpired);
        command.Add(forceSuspect);
        command.Add(staleAfter);
        command.Add(grace);
        command.Add(verifyWait);
        command.Add(json);
        command.SetAction(async (parse, ct) => await io.RunAsync(async http =>
        {
            var inspection = room.Read(parse);
            var options = new UnstickOptions
            {
                HomeserverUrl = inspection.HomeserverUrl,
                AccessToken = inspection.AccessToken,
                RoomId = inspection.RoomId,
                LiveKit = inspection.LiveKit,
                Timeout = inspection.Timeout,
                Apply = parse.GetValue(apply),
                IncludeExpired = parse.GetValue(includeExpired),
                ForceSuspect = parse.GetValue(forceSuspect),
                StaleAfter = parse.GetValue(staleAfter),
                Grace = parse.GetValue(grace),
                VerifyWait = parse.GetValue(verifyWait),
            };
            var report = await new StuckCallRepairer(http).RunAsync(options, ct);
            if (parse.GetValue(json))
            {
                MembershipRenderer.Json(io.Output, report);
            }
            else
            {
                MembershipRenderer.Human(io.Console, report);
            }

            return report.Interrupted ? ExitCodes.Cancelled : report.HasFailures ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }
}
