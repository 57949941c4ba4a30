using MatrixRtcLab.AppHost.Tests.Support;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Tests;

[Collection(LabAppModelCollection.Name)]
public sealed class ImageTests(LabAppModel lab)
{
    [Fact]
    public void Every_container_runs_exactly_the_pinned_images()
    {
        var images = lab.Model.Resources.OfType<ContainerResource>()
            .Select(c => Assert.Single(c.Annotations.OfType<ContainerImageAnnotation>()))
            .Select(i => (i.Registry, i.Image, i.Tag))
            .Order()
            .ToList();

        Assert.Equal(ImageVersions.All.Select(i => ((string?)i.Registry, i.Repository, (string?)i.Tag)).Order(), images);
        Assert.All(images, i => Assert.DoesNotContain("latest", i.Tag, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_auth_service_is_this_repositorys_project_and_no_image()
    {
        var project = Assert.IsType<ProjectResource>(lab.Resource(LabResourceNames.AuthService), exactMatch: false);
        Assert.Empty(project.Annotations.OfType<ContainerImageAnnotation>());
        Assert.EndsWith("MatrixRtc.AuthService.csproj", project.GetProjectMetadata().ProjectPath, StringComparison.Ordinal);
    }
}
