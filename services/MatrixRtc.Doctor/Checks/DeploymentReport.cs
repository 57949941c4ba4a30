namespace MatrixRtc.Doctor.Checks;

/// <summary>Everything <see cref="DeploymentChecker"/> found about one deployment.</summary>
public sealed record DeploymentReport(string ServerName, DateTimeOffset CheckedAt, IReadOnlyList<CheckResult> Checks)
{
    public int Count(CheckOutcome outcome) => Checks.Count(c => c.Outcome == outcome);

    public bool HasFailures => Checks.Any(c => c.Outcome == CheckOutcome.Fail);

    public CheckResult? this[string id] => Checks.FirstOrDefault(c => c.Id == id);
}
