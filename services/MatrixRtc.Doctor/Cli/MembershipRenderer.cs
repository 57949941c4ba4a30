using MatrixRtc.Doctor.Memberships;
using MatrixRtc.Doctor.Unstick;
using Spectre.Console;

namespace MatrixRtc.Doctor.Cli;

/// <summary>Prints room call reports and unstick plans for people or as JSON.</summary>
internal static class MembershipRenderer
{
    public static void Human(IAnsiConsole console, RoomCallReport report)
    {
        console.MarkupLine($"[bold]Call memberships in {Markup.Escape(report.RoomId)}[/]");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("Member", "Device", "Slot", "Gen", "Class", "On SFU", "Last written", "Detail");
        foreach (var m in report.Memberships)
        {
            table.AddRow(
                Markup.Escape(m.Sender),
                Markup.Escape(m.DeviceId ?? "-"),
                Markup.Escape(m.Slot ?? "-"),
                ((int)m.Generation).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ClassMarkup(m.Class),
                m.OnSfu switch { true => "[green]yes[/]", false => "[red]no[/]", null => "[grey]?[/]" },
                Markup.Escape(m.LastTouched.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
                Markup.Escape(m.Detail));
        }

        if (report.Memberships.Count == 0)
        {
            console.MarkupLine("[grey]no call memberships[/]");
        }
        else
        {
            console.Write(table);
        }

        Footer(console, report.Notes, report.LiveKitRoom, report.LiveKitError, report.GhostParticipants);
        console.MarkupLine(report.CallActive ? "[yellow bold]call active[/] (clients show a call in progress)" : "[green bold]no active call[/]");
    }

    public static void Human(IAnsiConsole console, UnstickReport report)
    {
        console.MarkupLine($"[bold]{(report.Applied ? "Unstick" : "Unstick (dry run)")} {Markup.Escape(report.RoomId)}[/] as {Markup.Escape(report.CallerUserId)}");
        var table = new Table().Border(TableBorder.Simple).AddColumns("Member", "State key", "Gen", "Class", "Outcome", "Reason");
        foreach (var item in report.Items)
        {
            var m = item.Membership;
            table.AddRow(
                Markup.Escape(m.Sender),
                Markup.Escape(m.StateKey ?? "(sticky)"),
                ((int)m.Generation).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ClassMarkup(m.Class),
                OutcomeMarkup(item.Outcome),
                Markup.Escape(item.NewEventId is null ? item.Reason : $"{item.Reason} → {item.NewEventId}"));
        }

        if (report.Items.Count == 0)
        {
            console.MarkupLine("[grey]no call memberships[/]");
        }
        else
        {
            console.Write(table);
        }

        Footer(console, report.Notes, null, null, null);
        var planned = report.Items.Count(i => i.Outcome == UnstickOutcome.Planned);
        console.MarkupLine(report.Applied
            ? $"{report.Writes} membership(s) cleared; call active before: {report.CallActiveBefore}, after: {report.CallActiveAfter?.ToString() ?? "unknown"}{(report.Interrupted ? " (interrupted)" : "")}"
            : $"{planned} membership(s) would be cleared; nothing was written (add --apply)");
    }

    public static void Json(TextWriter output, RoomCallReport report) => DoctorJson.Write(output, new
    {
        report.RoomId,
        report.InspectedAt,
        report.CallActive,
        report.LiveKitRoom,
        report.LiveKitError,
        report.GhostParticipants,
        report.Notes,
        report.Memberships,
    });

    public static void Json(TextWriter output, UnstickReport report) => DoctorJson.Write(output, new
    {
        report.RoomId,
        report.CallerUserId,
        report.Applied,
        report.Writes,
        report.CallActiveBefore,
        report.CallActiveAfter,
        report.Interrupted,
        report.Notes,
        Items = report.Items.Select(i => new
        {
            i.Membership.Sender,
            i.Membership.StateKey,
            i.Membership.DeviceId,
            i.Membership.Slot,
            i.Membership.Generation,
            i.Membership.Class,
            i.Membership.EventId,
            i.Outcome,
            i.Reason,
            i.NewEventId,
        }),
    });

    private static void Footer(IAnsiConsole console, IReadOnlyList<string> notes, string? liveKitRoom, string? liveKitError, IReadOnlyList<string>? ghosts)
    {
        foreach (var note in notes)
        {
            console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
        }

        if (liveKitRoom is not null)
        {
            console.MarkupLine($"[grey]LiveKit room:[/] {Markup.Escape(liveKitRoom)}");
        }

        if (liveKitError is not null)
        {
            console.MarkupLine($"[red]LiveKit:[/] {Markup.Escape(liveKitError)}");
        }

        if (ghosts is { Count: > 0 })
        {
            console.MarkupLine($"[yellow]ghost participants (on the SFU without an active membership):[/] {Markup.Escape(string.Join(", ", ghosts))}");
        }
    }

    private static string ClassMarkup(MembershipClass cls) => cls switch
    {
        MembershipClass.Active => "[yellow]active[/]",
        MembershipClass.LegacyActive => "[yellow]legacy-active[/]",
        MembershipClass.Empty => "[grey]empty[/]",
        _ => $"[grey]{cls.ToString().ToLowerInvariant()}[/]",
    };

    private static string OutcomeMarkup(UnstickOutcome outcome) => outcome switch
    {
        UnstickOutcome.Cleared => "[green]cleared[/]",
        UnstickOutcome.Planned => "[yellow]would clear[/]",
        UnstickOutcome.Denied or UnstickOutcome.Failed => $"[red]{outcome.ToString().ToLowerInvariant()}[/]",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
