using System.CommandLine;
using MatrixRtc.Doctor.Memberships;

namespace MatrixRtc.Doctor.Cli;

/// <summary><c>rtc-doctor calls &lt;room_id&gt;</c> and the room/LiveKit options <c>unstick</c> shares.</summary>
internal static class CallsCommand
{
    public static Command Create(DoctorConsole io)
    {
        var room = RoomOptions.Create();
        var json = CommonOptions.Json();
        var command = new Command("calls", "List a room's call memberships (all five generations) with their classification; read-only");
        room.AddTo(command);
        command.Add(json);
        command.SetAction(async (parse, ct) => await io.RunAsync(async http =>
        {
            var report = await new CallMembershipInspector(http).InspectAsync(room.Read(parse), ct);
            if (parse.GetValue(json))
            {
                MembershipRenderer.Json(io.Output, report);
            }
            else
            {
                MembershipRenderer.Human(io.Console, report);
            }

            return report.LiveKitError is null ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }
}
