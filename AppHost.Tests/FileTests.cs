using MatrixRtcLab.AppHost.Tests.Support;
using MatrixRtcLab.Topology.Lab;

namespace MatrixRtcLab.AppHost.Tests;

[Collection(LabAppModelCollection.Name)]
public sealed class FileTests(LabAppModel lab)
{
    private const UnixFileMode ReadableByOthers = UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    [Fact]
    public async Task Every_generated_file_reaches_its_container_with_its_contents_owner_and_mode()
    {
        foreach (var spec in lab.Lab.Containers)
        {
            var files = await FilesOf(lab.Resource(spec.Name));
            Assert.Equal(spec.Files.Select(f => f.ContainerPath).Order(), files.Keys.Order());
            foreach (var expected in spec.Files)
            {
                var actual = files[expected.ContainerPath];
                Assert.Equal(expected.Contents, actual.Contents);
                Assert.Equal(expected.Mode, actual.Mode);
                Assert.Equal(expected.Owner, actual.Owner);
            }
        }
    }

    [Fact]
    public async Task Files_holding_secrets_are_readable_by_their_owner_only()
    {
        var secretValues = typeof(Topology.Secrets.LabSecrets).GetProperties()
            .Select(p => (string)p.GetValue(lab.Lab.Secrets)!)
            .Where(v => v.Length >= 16)
            .ToList();

        var secretFiles = new List<string>();
        foreach (var container in lab.Model.Resources.OfType<ContainerResource>())
        {
            foreach (var (path, file) in await FilesOf(container))
            {
                if (secretValues.Any(s => file.Contents!.Contains(s, StringComparison.Ordinal)))
                {
                    secretFiles.Add($"{container.Name}:{path}");
                    Assert.True((file.Mode & ReadableByOthers) == 0, $"{container.Name}:{path} holds a secret and is mode {file.Mode}");
                }
            }
        }

        // The Synapse config and signing key, MAS's config, LiveKit's keys and Nextcloud's set-up hook.
        Assert.Contains($"synapse:/conf/{lab.Lab.Options.ServerName}.signing.key", secretFiles);
        Assert.Equal(5, secretFiles.Count);
    }

    private async Task<Dictionary<string, ContainerFile>> FilesOf(IResource resource)
    {
        var files = new Dictionary<string, ContainerFile>(StringComparer.Ordinal);
        foreach (var annotation in resource.Annotations.OfType<ContainerFileSystemCallbackAnnotation>())
        {
            var context = new ContainerFileSystemCallbackContext { Model = resource, Services = lab.App.Services };
            foreach (var item in await annotation.Callback(context, TestContext.Current.CancellationToken))
            {
                var file = Assert.IsType<ContainerFile>(item);
                files[$"{annotation.DestinationPath.TrimEnd('/')}/{file.Name}"] = file;
            }
        }

        return files;
    }
}
