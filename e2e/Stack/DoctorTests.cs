using MatrixRtc.Doctor.Checks;
using MatrixRtc.Doctor.Http;
using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.E2E.Users;
using Xunit;

namespace MatrixRtcLab.E2E.Stack;

/// <summary>rtc-doctor against the deployment under test: a healthy lab has no failing check.</summary>
[Collection(LabCollection.Name)]
public sealed class DoctorTests(LabFixture lab)
{
    [Fact]
    public async Task The_deployment_passes_every_rtc_doctor_check()
    {
        var endpoints = lab.RequireLab();
        var user = await new TestUsers(endpoints, lab.Http).CreateAsync("Doctor", TestContext.Current.CancellationToken);
        using var http = DoctorHttpClient.Create();

        var report = await new DeploymentChecker(http).RunAsync(
            new DeploymentCheckOptions
            {
                ServerName = endpoints.ServerName,
                ServerBaseUrl = endpoints.HomeserverUrl,
                ClientUrl = endpoints.HomeserverUrl,
                AuthServiceUrl = endpoints.AuthServiceUrl,
                LiveKitUrl = endpoints.LiveKitUrl,
                UserId = user.UserId,
                AccessToken = user.AccessToken,
            },
            TestContext.Current.CancellationToken);

        var failures = report.Checks.Where(c => c.Outcome == CheckOutcome.Fail).Select(c => $"{c.Id}: {c.Finding} (fix: {c.Fix})").ToList();
        Assert.True(failures.Count == 0, "rtc-doctor found problems:\n" + string.Join('\n', failures));
        Assert.Equal(CheckOutcome.Pass, report["jwt.token"]?.Outcome);
    }
}
