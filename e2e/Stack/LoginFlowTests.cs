using MatrixRtcLab.E2E.Artifacts;
using MatrixRtcLab.E2E.Browser;
using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.E2E.Pages;
using MatrixRtcLab.E2E.Reporting;
using Xunit;

namespace MatrixRtcLab.E2E.Stack;

/// <summary>The login a person does: Element Web → MAS → Nextcloud's login form → back in Element Web.</summary>
public sealed class LoginFlowTests(LabFixture lab, BrowserHost browsers, RunArtifacts artifacts, CallTimingReport timings)
    : StackTest(lab, browsers, artifacts, timings)
{
    [Fact]
    public async Task A_Nextcloud_user_logs_in_to_Element_Web_through_MAS()
    {
        var endpoints = RequireLab();
        if (endpoints.Users.Count == 0)
        {
            Assert.Skip("The deployment publishes no upstream login (LabEndpoints.Users / MATRIXRTC_E2E_LOGIN_USERNAME and _PASSWORD).");
        }
        var person = endpoints.Users[0];
        var session = await OpenSessionAsync("login");
        var web = new ElementWebPage(session.Page, endpoints);

        var started = Time.GetTimestamp();
        await web.LogInThroughNextcloudAsync(person);
        var loggedIn = Time.GetElapsedTime(started);

        var userId = await web.LoggedInUserIdAsync();
        Assert.EndsWith($":{endpoints.ServerName}", userId, StringComparison.Ordinal);
        Assert.Equal(endpoints.ElementWebUrl.GetLeftPart(UriPartial.Authority), new Uri(session.Page.Url).GetLeftPart(UriPartial.Authority));
        Timings.Record(new CallTimings(TestName, loggedIn, Connect: null, FirstRemoteFrame: null));
    }
}
