using System.Text.Json;

namespace MatrixRtcLab.Topology.Secrets;

/// <summary>
/// Loads the lab's secrets from <c>secrets.json</c> in the state folder, generating only the ones
/// that are missing. An existing value is never replaced (the MAS encryption secret must never
/// change); a damaged file stops the lab with a message instead of being overwritten.
/// </summary>
public sealed class LabSecretsStore(string stateDirectory, TimeProvider time)
{
    public const string FileName = "secrets.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string FilePath => Path.Combine(stateDirectory, FileName);

    public LabSecrets LoadOrCreate()
    {
        var values = Read();
        var generator = new SecretGenerator(time);
        var changed = false;

        string Get(string name, Func<string> create)
        {
            if (values.TryGetValue(name, out var existing) && !string.IsNullOrWhiteSpace(existing))
            {
                return existing;
            }

            changed = true;
            return values[name] = create();
        }

        var secrets = new LabSecrets
        {
            PostgresPassword = Get(nameof(LabSecrets.PostgresPassword), () => SecretGenerator.AlphanumericString(32)),
            RedisPassword = Get(nameof(LabSecrets.RedisPassword), () => SecretGenerator.AlphanumericString(32)),
            SynapseMasSharedSecret = Get(nameof(LabSecrets.SynapseMasSharedSecret), () => SecretGenerator.AlphanumericString(48)),
            SynapseRegistrationSharedSecret = Get(nameof(LabSecrets.SynapseRegistrationSharedSecret), () => SecretGenerator.AlphanumericString(48)),
            SynapseMacaroonSecretKey = Get(nameof(LabSecrets.SynapseMacaroonSecretKey), () => SecretGenerator.AlphanumericString(48)),
            SynapseFormSecret = Get(nameof(LabSecrets.SynapseFormSecret), () => SecretGenerator.AlphanumericString(48)),
            SynapseSigningKeyId = Get(nameof(LabSecrets.SynapseSigningKeyId), () => "a_" + SecretGenerator.AlphanumericString(4)),
            SynapseSigningKeySeed = Get(nameof(LabSecrets.SynapseSigningKeySeed), () => SecretGenerator.UnpaddedBase64(32)),
            MasEncryptionSecret = Get(nameof(LabSecrets.MasEncryptionSecret), () => SecretGenerator.Hex(32)),
            MasRsaKeyId = Get(nameof(LabSecrets.MasRsaKeyId), () => SecretGenerator.AlphanumericString(10)),
            MasRsaKeyPem = Get(nameof(LabSecrets.MasRsaKeyPem), SecretGenerator.RsaPrivateKeyPem),
            MasEcKeyId = Get(nameof(LabSecrets.MasEcKeyId), () => SecretGenerator.AlphanumericString(10)),
            MasEcKeyPem = Get(nameof(LabSecrets.MasEcKeyPem), SecretGenerator.EcP256PrivateKeyPem),
            MasAdminClientId = Get(nameof(LabSecrets.MasAdminClientId), generator.Ulid),
            MasAdminClientSecret = Get(nameof(LabSecrets.MasAdminClientSecret), () => SecretGenerator.AlphanumericString(48)),
            LiveKitApiKey = Get(nameof(LabSecrets.LiveKitApiKey), () => "API" + SecretGenerator.AlphanumericString(12)),
            LiveKitApiSecret = Get(nameof(LabSecrets.LiveKitApiSecret), () => SecretGenerator.AlphanumericString(48)),
            NextcloudAdminPassword = Get(nameof(LabSecrets.NextcloudAdminPassword), () => SecretGenerator.AlphanumericString(32)),
            NextcloudProviderId = Get(nameof(LabSecrets.NextcloudProviderId), generator.Ulid),
            NextcloudClientId = Get(nameof(LabSecrets.NextcloudClientId), () => SecretGenerator.AlphanumericString(32)),
            NextcloudClientSecret = Get(nameof(LabSecrets.NextcloudClientSecret), () => SecretGenerator.AlphanumericString(48)),
        };

        if (changed)
        {
            Write(values);
        }

        return secrets;
    }

    private Dictionary<string, string> Read()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(FilePath), Json)
                ?? throw new InvalidDataException($"{FilePath} is empty. Restore it, or reset the lab (docs/lab.md) to start over.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"{FilePath} is not a valid lab secrets file ({e.Message}). It was left untouched: restore it, " +
                "or reset the lab (docs/lab.md) to start over with new secrets and empty volumes.", e);
        }
    }

    private void Write(Dictionary<string, string> values)
    {
        Directory.CreateDirectory(stateDirectory);
        var temp = FilePath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(values, Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, FilePath, overwrite: true);
    }
}
