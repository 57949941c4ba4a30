using System.Text.Json;
using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Secrets;
using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

public sealed class LabSecretsTests
{
    [Fact]
    public void Two_renders_of_one_lab_keep_every_secret()
    {
        using var first = new RenderedLab();
        using var second = new RenderedLab(stateDirectory: first.StateDirectory);

        foreach (var file in first.Files)
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(first.OutputDirectory, file)),
                File.ReadAllText(Path.Combine(second.OutputDirectory, file)));
        }
    }

    [Fact]
    public void Two_labs_get_different_secrets()
    {
        using var first = new RenderedLab();
        using var second = new RenderedLab();

        Assert.NotEqual(first.Mas.Text("secrets", "encryption"), second.Mas.Text("secrets", "encryption"));
        Assert.NotEqual(first.Synapse.Text("matrix_authentication_service", "secret"), second.Synapse.Text("matrix_authentication_service", "secret"));
        Assert.NotEqual(first.AuthServiceEnvironment["LIVEKIT_SECRET"], second.AuthServiceEnvironment["LIVEKIT_SECRET"]);
        Assert.NotEqual(
            Assert.Single(first.Mas.Items("upstream_oauth2", "providers")).Text("client_secret"),
            Assert.Single(second.Mas.Items("upstream_oauth2", "providers")).Text("client_secret"));
    }

    [Fact]
    public void A_missing_secret_is_added_without_touching_the_MAS_encryption_secret()
    {
        using var temp = new TemporaryDirectory();
        var store = new LabSecretsStore(temp.Path, TimeProvider.System);
        var original = store.LoadOrCreate();
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(store.FilePath))!;
        values.Remove(nameof(LabSecrets.LiveKitApiSecret));
        File.WriteAllText(store.FilePath, JsonSerializer.Serialize(values));

        var reloaded = new LabSecretsStore(temp.Path, TimeProvider.System).LoadOrCreate();

        Assert.Equal(original.MasEncryptionSecret, reloaded.MasEncryptionSecret);
        Assert.Equal(original.MasRsaKeyPem, reloaded.MasRsaKeyPem);
        Assert.NotEqual(original.LiveKitApiSecret, reloaded.LiveKitApiSecret);
        Assert.Equal(reloaded, new LabSecretsStore(temp.Path, TimeProvider.System).LoadOrCreate());
    }

    [Fact]
    public void A_damaged_secrets_file_stops_with_its_path_and_is_left_untouched()
    {
        using var temp = new TemporaryDirectory();
        var path = Path.Combine(temp.Path, LabSecretsStore.FileName);
        File.WriteAllText(path, "{ \"MasEncryptionSecret\": ");

        var error = Assert.Throws<InvalidDataException>(() => LabModel.Load(temp.Path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("{ \"MasEncryptionSecret\": ", File.ReadAllText(path));
    }

    [Fact]
    public void Secrets_file_is_readable_by_its_owner_only()
    {
        using var temp = new TemporaryDirectory();
        var store = new LabSecretsStore(temp.Path, TimeProvider.System);
        store.LoadOrCreate();
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes do not exist on Windows.");
        }
        else
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        }
    }

    [Fact]
    public void Provider_and_admin_client_ids_are_ULIDs_from_the_injected_clock()
    {
        var time = new FixedTimeProvider(DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var ulid = new SecretGenerator(time).Ulid();

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", ulid);
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), DecodeUlidTimestamp(ulid));
    }

    private static long DecodeUlidTimestamp(string ulid)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        return ulid[..10].Aggregate(0L, (value, c) => (value * 32) + alphabet.IndexOf(c, StringComparison.Ordinal));
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
