using MatrixRtcLab.AppHost.Tests.Support;

namespace MatrixRtcLab.AppHost.Tests;

[Collection(LabAppModelCollection.Name)]
public sealed class StartOrderTests(LabAppModel lab)
{
    /// <summary>Aspire adds a wait for a database's server to every wait for the database itself.</summary>
    [Fact]
    public void The_WaitFor_graph_is_exactly_the_models_start_order()
    {
        var waits = lab.Model.Resources
            .SelectMany(r => r.Annotations.OfType<WaitAnnotation>().Select(w => $"{r.Name} -> {w.Resource.Name}"))
            .Order(StringComparer.Ordinal);
        var expected = lab.Lab.StartOrder
            .SelectMany(e => e.Value.SelectMany(dependency => lab.Resource(dependency) is IResourceWithParent child
                ? [$"{e.Key} -> {dependency}", $"{e.Key} -> {child.Parent.Name}"]
                : new[] { $"{e.Key} -> {dependency}" }))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, waits);
    }

    [Fact]
    public void Every_resource_that_serves_something_has_a_health_check()
    {
        var unchecked_ = lab.Model.Resources
            .Where(r => r is ContainerResource or ProjectResource)
            .Where(r => !r.Annotations.OfType<HealthCheckAnnotation>().Any())
            .Select(r => r.Name);
        Assert.Empty(unchecked_);
    }

    [Fact]
    public void Data_lives_in_the_named_volumes_a_reset_deletes()
    {
        var volumes = lab.Model.Resources.OfType<ContainerResource>()
            .SelectMany(r => r.Annotations.OfType<ContainerMountAnnotation>())
            .Where(m => m.Type == ContainerMountType.Volume)
            .Select(m => m.Source)
            .Order(StringComparer.Ordinal);

        var prefix = lab.Lab.Options.VolumePrefix;
        Assert.Equal([$"{prefix}-nextcloud-data", $"{prefix}-postgres-data", $"{prefix}-redis-data", $"{prefix}-synapse-data"], volumes);
    }

    [Fact]
    public void Both_rtc_doctor_commands_are_on_the_auth_service()
    {
        var commands = lab.Resource(Topology.Lab.LabResourceNames.AuthService).Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name);
        Assert.Contains("check-deployment", commands);
        Assert.Contains("unstick-calls", commands);
    }

    [Fact]
    public void Building_the_model_keeps_the_lab_state_in_the_chosen_folder_private()
    {
        var secrets = Path.Combine(lab.StateDirectory, Topology.Secrets.LabSecretsStore.FileName);
        Assert.True(File.Exists(secrets));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets));
        }

        Assert.False(File.Exists(Path.Combine(lab.StateDirectory, Topology.Endpoints.LabEndpointsFile.FileName)), "the endpoints file is written only once the lab is up");
    }
}
