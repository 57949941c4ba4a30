using MatrixRtc.Doctor.Checks;
using Spectre.Console;

namespace MatrixRtc.Doctor.Cli;

/// <summary>Prints a <see cref="DeploymentReport"/> for people (coloured) or as JSON.</summary>
internal static class CheckReportRenderer
{
    public static void Human(IAnsiConsole console, DeploymentReport report)
    {
        console.MarkupLine($"[bold]rtc-doctor check {Markup.Escape(report.ServerName)}[/]");
        foreach (var check in report.Checks)
        {
            var (symbol, colour) = Style(check.Outcome);
            console.MarkupLine($"[{colour}]{symbol} {Label(check.Outcome),-4}[/] [bold]{Markup.Escape(check.Id),-22}[/] {Markup.Escape(check.Finding)}");
            if (check.Fix is not null)
            {
                console.MarkupLine($"  [dim]      fix:[/] {Markup.Escape(check.Fix)}");
            }
        }

        console.WriteLine();
        var verdict = report.HasFailures ? "[red bold]FAILED[/]" : "[green bold]OK[/]";
        console.MarkupLine($"{verdict}  {report.Count(CheckOutcome.Pass)} passed, {report.Count(CheckOutcome.Warn)} warnings, {report.Count(CheckOutcome.Fail)} failed, {report.Count(CheckOutcome.Info)} info, {report.Count(CheckOutcome.Skip)} skipped");
    }

    public static void Json(TextWriter output, DeploymentReport report) => DoctorJson.Write(output, new
    {
        report.ServerName,
        report.CheckedAt,
        Ok = !report.HasFailures,
        Summary = new
        {
            Pass = report.Count(CheckOutcome.Pass),
            Warn = report.Count(CheckOutcome.Warn),
            Fail = report.Count(CheckOutcome.Fail),
            Info = report.Count(CheckOutcome.Info),
            Skip = report.Count(CheckOutcome.Skip),
        },
        report.Checks,
    });

    private static (string Symbol, string Colour) Style(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => ("✔", "green"),
        CheckOutcome.Warn => ("!", "yellow"),
        CheckOutcome.Fail => ("✘", "red"),
        CheckOutcome.Info => ("i", "blue"),
        _ => ("-", "grey"),
    };

    private static string Label(CheckOutcome outcome) => outcome.ToString().ToUpperInvariant();
}
