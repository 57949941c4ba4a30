using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

/// <summary>The generated Nextcloud hook, executed by the real /bin/sh against a recording occ.</summary>
public sealed class NextcloudSetupTests : IDisposable
{
    private readonly RenderedLab lab = new();

    public void Dispose() => lab.Dispose();

    [Fact]
    public void First_start_enables_the_app_registers_MAS_and_seeds_every_documented_user()
    {
        var (exitCode, calls, error) = NextcloudHookRun.Run(lab.NextcloudHookPath);

        Assert.True(exitCode == 0, error);
        Assert.Equal(["app:enable", "oidc"], calls[0].Arguments);
        Assert.Contains(calls, c => c.Arguments.SequenceEqual(["config:app:set", "oidc", "allow_user_settings", "--value", "no"]));
        Assert.True(calls.ToList().FindIndex(c => c.Command == "oidc:remove") < calls.ToList().FindIndex(c => c.Command == "oidc:create"));

        var endpointsUsers = lab.Json("endpoints.json").GetProperty("users").EnumerateArray().ToList();
        Assert.Equal(["alice", "bob", "carol"], endpointsUsers.Select(u => u.GetProperty("username").GetString()));
        foreach (var user in endpointsUsers)
        {
            var username = user.GetProperty("username").GetString()!;
            var add = calls.Single(c => c.Command == "user:add" && c.Arguments[^1] == username);
            Assert.Equal(user.GetProperty("password").GetString(), add.Password);
            Assert.Equal(LabUsers.Group, add.Option("--group"));
            Assert.Equal(user.GetProperty("displayName").GetString(), add.Option("--display-name"));
            Assert.Contains("--password-from-env", add.Arguments);
        }
    }

    [Fact]
    public void Later_starts_keep_existing_users_and_reapply_their_passwords()
    {
        var calls = NextcloudHookRun.Execute(lab.NextcloudHookPath, existingUsers: "alice bob carol");

        Assert.DoesNotContain(calls, c => c.Command == "user:add");
        Assert.Equal(3, calls.Count(c => c.Command == "user:resetpassword" && c.Password is { Length: >= 10 }));
        Assert.Single(calls, c => c.Command == "oidc:create");
    }

    [Fact]
    public void A_failing_step_stops_the_hook_so_the_container_never_reports_healthy()
    {
        var (exitCode, calls, error) = NextcloudHookRun.Run(lab.NextcloudHookPath, failingCommand: "oidc:create");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("simulated failure", error, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.Command == "user:add");
    }

    [Fact]
    public void Hook_is_installed_executable_where_the_image_runs_before_starting_hooks()
    {
        var nextcloud = lab.Container("nextcloud");
        Assert.Contains("/docker-entrypoint-hooks.d/before-starting/10-matrixrtc-lab.sh",
            nextcloud.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        var spec = Topology.Containers.LabContainers.Nextcloud(LabModel.Load(lab.StateDirectory));
        var hook = Assert.Single(spec.Files);
        // Hooks run as www-data; the script holds the OIDC client secret and the admin password.
        Assert.Equal(Topology.Containers.ImageUsers.WwwData, hook.Owner);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, hook.Mode);
    }
}
