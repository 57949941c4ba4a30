using MatrixRtcLab.E2E.Lab;
using MatrixRtcLab.Topology.Endpoints;
using Xunit;

namespace MatrixRtcLab.E2E.Tests;

/// <summary>The lab fixture's decision for each combination of missing pieces, and the reason it gives.</summary>
public sealed class LabLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("matrixrtc-e2e-locator-").FullName;
    private readonly Dictionary<string, string> _env = [];
    private readonly List<LabEndpoints> _probed = [];
    private IReadOnlyList<string> _problems = [];
    private DockerStatus _docker = new(false, "`docker info` could not run (No such file or directory): no Docker CLI on PATH");

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    private LabLocator Locator() => new(
        name => _env.GetValueOrDefault(name),
        _root,
        (lab, _) =>
        {
            _probed.Add(lab);
            return Task.FromResult(_problems);
        },
        _ => Task.FromResult(_docker));

    private static LabEndpoints SampleLab() => new()
    {
        ServerName = "lab.localhost",
        HomeserverUrl = new("http://localhost:8008/"),
        ElementWebUrl = new("http://localhost:8080/"),
        AuthServiceUrl = new("http://localhost:8090/"),
        LiveKitUrl = new("ws://localhost:7880/"),
        MasUrl = new("http://localhost:8081/"),
        MasAdminClient = new("01JADMINCLIENT0000000000000", "s3cret"),
    };

    private void SetEnvironmentDeployment()
    {
        _env[LabEnvironment.HomeserverUrl] = "https://matrix.example.org";
        _env[LabEnvironment.ServerName] = "example.org";
        _env[LabEnvironment.ElementWebUrl] = "https://app.example.org";
        _env[LabEnvironment.AuthServiceUrl] = "https://rtc.example.org/livekit/jwt";
        _env[LabEnvironment.LiveKitUrl] = "wss://rtc.example.org/livekit/sfu";
    }

    [Fact]
    public async Task Nothing_at_all_skips_naming_the_file_the_environment_and_docker()
    {
        var plan = Assert.IsType<LabPlan.Skip>(await Locator().LocateAsync(Cancelled));

        Assert.Contains($"no endpoints file at {Path.Combine(_root, ".lab", "endpoints.json")}", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("MATRIXRTC_LAB_ENDPOINTS is not set", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("MATRIXRTC_E2E_HOMESERVER_URL", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("no Docker engine", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("no Docker CLI on PATH", plan.Reason, StringComparison.Ordinal);
        Assert.Empty(_probed);
    }

    [Fact]
    public async Task The_file_variable_is_where_the_locator_looks_and_the_reason_says_so()
    {
        var elsewhere = Path.Combine(_root, "elsewhere", "lab.json");
        _env[LabEndpointsFile.PathVariable] = elsewhere;

        var plan = Assert.IsType<LabPlan.Skip>(await Locator().LocateAsync(Cancelled));

        Assert.Contains($"no endpoints file at {elsewhere} (MATRIXRTC_LAB_ENDPOINTS points there", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_lab_file_is_attached_to_after_its_endpoints_answer()
    {
        var file = LabEndpointsFile.DefaultPath(_root);
        LabEndpointsFile.Write(file, SampleLab());

        var plan = Assert.IsType<LabPlan.Attach>(await Locator().LocateAsync(Cancelled));

        Assert.Equal(file, plan.Source);
        Assert.Equal(SampleLab().ElementWebUrl, plan.Endpoints.ElementWebUrl);
        Assert.Equal("s3cret", plan.Endpoints.MasAdminClient!.ClientSecret);
        Assert.Single(_probed);
    }

    [Fact]
    public async Task A_stale_file_without_docker_skips_and_says_what_did_not_answer()
    {
        LabEndpointsFile.Write(LabEndpointsFile.DefaultPath(_root), SampleLab());
        _problems = ["homeserver http://localhost:8008/_matrix/client/versions unreachable (ConnectionError)"];

        var plan = Assert.IsType<LabPlan.Skip>(await Locator().LocateAsync(Cancelled));

        Assert.Contains("exists but its lab does not answer", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("homeserver http://localhost:8008/_matrix/client/versions unreachable", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("no Docker engine", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_lab_but_a_docker_engine_plans_to_start_the_AppHost()
    {
        _docker = new DockerStatus(true, "Docker engine 28.1.1");

        var plan = Assert.IsType<LabPlan.StartAppHost>(await Locator().LocateAsync(Cancelled));

        Assert.Contains($"no endpoints file at {LabEndpointsFile.DefaultPath(_root)}", plan.WhyNoLab, StringComparison.Ordinal);
        Assert.Contains("Docker engine 28.1.1 answers, so the lab is started for this run", plan.WhyNoLab, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_file_with_a_docker_engine_plans_to_start_the_AppHost()
    {
        LabEndpointsFile.Write(LabEndpointsFile.DefaultPath(_root), SampleLab());
        _problems = ["homeserver http://localhost:8008/_matrix/client/versions unreachable (ConnectionError)"];
        _docker = new DockerStatus(true, "Docker engine 28.1.1");

        var plan = Assert.IsType<LabPlan.StartAppHost>(await Locator().LocateAsync(Cancelled));

        Assert.Contains("exists but its lab does not answer", plan.WhyNoLab, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_endpoints_file_fails_instead_of_skipping()
    {
        var file = LabEndpointsFile.DefaultPath(_root);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "{ \"serverName\": ", Cancelled);

        var plan = Assert.IsType<LabPlan.Fail>(await Locator().LocateAsync(Cancelled));

        Assert.Contains(file, plan.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid lab endpoints file", plan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_in_the_environment_wins_over_the_file()
    {
        LabEndpointsFile.Write(LabEndpointsFile.DefaultPath(_root), SampleLab());
        SetEnvironmentDeployment();

        var plan = Assert.IsType<LabPlan.Attach>(await Locator().LocateAsync(Cancelled));

        Assert.Equal(new Uri("https://app.example.org"), plan.Endpoints.ElementWebUrl);
        Assert.Equal("example.org", plan.Endpoints.ServerName);
        Assert.Null(plan.Endpoints.MasAdminClient);
    }

    [Fact]
    public async Task A_partial_environment_fails_naming_the_missing_variables()
    {
        _env[LabEnvironment.HomeserverUrl] = "https://matrix.example.org";

        var plan = Assert.IsType<LabPlan.Fail>(await Locator().LocateAsync(Cancelled));

        Assert.Contains("MATRIXRTC_E2E_SERVER_NAME", plan.Message, StringComparison.Ordinal);
        Assert.Contains("MATRIXRTC_E2E_LIVEKIT_URL", plan.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MATRIXRTC_E2E_HOMESERVER_URL missing", plan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_deployment_that_does_not_answer_fails_rather_than_skips()
    {
        SetEnvironmentDeployment();
        _problems = ["auth service https://rtc.example.org/livekit/jwt/healthz answered 502"];

        var plan = Assert.IsType<LabPlan.Fail>(await Locator().LocateAsync(Cancelled));

        Assert.Contains("answered 502", plan.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LabEnvironment.LiveKitUrl, "http://rtc.example.org", "MATRIXRTC_E2E_LIVEKIT_URL=http://rtc.example.org: expected an absolute ws or wss URL.")]
    [InlineData(LabEnvironment.HomeserverUrl, "matrix.example.org", "MATRIXRTC_E2E_HOMESERVER_URL=matrix.example.org: expected an absolute http or https URL.")]
    [InlineData(LabEnvironment.MasAdminClientId, "01JADMIN", "Set both MATRIXRTC_E2E_MAS_ADMIN_CLIENT_ID and MATRIXRTC_E2E_MAS_ADMIN_CLIENT_SECRET, or neither.")]
    [InlineData(LabEnvironment.LoginPassword, "pw", "Set both MATRIXRTC_E2E_LOGIN_USERNAME and MATRIXRTC_E2E_LOGIN_PASSWORD, or neither.")]
    public async Task A_malformed_environment_variable_is_named(string variable, string value, string message)
    {
        SetEnvironmentDeployment();
        _env[variable] = value;

        var plan = Assert.IsType<LabPlan.Fail>(await Locator().LocateAsync(Cancelled));

        Assert.Equal(message, plan.Message);
    }

    [Fact]
    public void The_environment_carries_credentials_and_the_login_user()
    {
        SetEnvironmentDeployment();
        _env[LabEnvironment.MasUrl] = "https://auth.example.org/";
        _env[LabEnvironment.MasAdminClientId] = "01JADMIN";
        _env[LabEnvironment.MasAdminClientSecret] = "secret";
        _env[LabEnvironment.LoginUsername] = "alice";
        _env[LabEnvironment.LoginPassword] = "wonderland";

        var lab = LabEnvironment.Read(name => _env.GetValueOrDefault(name));

        Assert.Equal(new LabClientCredentials("01JADMIN", "secret"), lab.MasAdminClient);
        Assert.Equal(new LabUser("alice", "wonderland", "alice"), Assert.Single(lab.Users));
        Assert.Equal(new Uri("https://auth.example.org/"), lab.MasUrl);
        // The auth service sits under a path prefix; bases get a trailing slash so probes resolve below it.
        Assert.Equal(new Uri("https://rtc.example.org/livekit/jwt/healthz"), new Uri(lab.AuthServiceUrl, "healthz"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
