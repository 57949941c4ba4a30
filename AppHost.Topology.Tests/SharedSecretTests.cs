using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

/// <summary>Every secret two services share is the same on both sides of the rendered files.</summary>
public sealed class SharedSecretTests : IClassFixture<SharedSecretTests.Lab>
{
    public sealed class Lab : IDisposable
    {
        public RenderedLab Rendered { get; } = new();

        public void Dispose() => Rendered.Dispose();
    }

    private readonly RenderedLab lab;

    public SharedSecretTests(Lab fixture) => lab = fixture.Rendered;

    [Fact]
    public void Synapse_and_MAS_share_the_integration_secret()
    {
        var synapseSide = lab.Synapse.Text("matrix_authentication_service", "secret");
        Assert.Equal(synapseSide, lab.Mas.Text("matrix", "secret"));
        Assert.True(synapseSide.Length >= 32);
    }

    [Fact]
    public void LiveKit_keys_webhook_key_and_auth_service_credentials_match()
    {
        var env = lab.AuthServiceEnvironment;
        var keys = Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(lab.LiveKit.At("keys"));
        var (key, secret) = Assert.Single(keys.Children);
        Assert.Equal(env["LIVEKIT_KEY"], key.ToString());
        Assert.Equal(env["LIVEKIT_SECRET"], secret.ToString());
        Assert.Equal(env["LIVEKIT_KEY"], lab.LiveKit.Text("webhook", "api_key"));
        Assert.True(env["LIVEKIT_SECRET"].Length >= 32, "LiveKit logs an error for secrets shorter than 32 characters");
    }

    [Fact]
    public void PostgreSQL_password_is_the_same_for_the_server_Synapse_and_MAS()
    {
        var server = lab.Description.GetProperty("postgres").GetProperty("password").GetString();
        Assert.Equal(server, lab.Synapse.Text("database", "args", "password"));
        var masUri = new Uri(lab.Mas.Text("database", "uri"));
        Assert.Equal($"postgres:{server}", Uri.UnescapeDataString(masUri.UserInfo));
    }

    [Fact]
    public void Redis_password_in_the_auth_service_URL_is_the_server_password()
    {
        var redisUrl = new Uri(lab.AuthServiceEnvironment["LIVEKIT_REDIS_URL"]);
        var server = lab.Description.GetProperty("redis").GetProperty("password").GetString();
        Assert.Equal($":{server}", Uri.UnescapeDataString(redisUrl.UserInfo));
    }

    [Fact]
    public void Endpoints_file_carries_the_MAS_admin_client_MAS_is_configured_with()
    {
        var endpoints = lab.Json("endpoints.json").GetProperty("masAdminClient");
        var clientId = endpoints.GetProperty("clientId").GetString();
        var client = Assert.Single(lab.Mas.Items("clients"));
        Assert.Equal(clientId, client.Text("client_id"));
        Assert.Equal(endpoints.GetProperty("clientSecret").GetString(), client.Text("client_secret"));
        Assert.Equal(clientId, Assert.Single(lab.Mas.Items("policy", "data", "admin_clients")).ToString());
        Assert.Contains(lab.Mas.Items("http", "listeners").SelectMany(l => l.Items("resources")), r => r.Text("name") == "adminapi");
    }

    [Fact]
    public void Synapse_signing_key_file_names_the_configured_key()
    {
        var path = lab.Synapse.Text("signing_key_path");
        var line = File.ReadAllText(Path.Combine(lab.OutputDirectory, "synapse", path.TrimStart('/'))).TrimEnd('\n').Split(' ');
        Assert.Equal(3, line.Length);
        Assert.Equal("ed25519", line[0]);
        Assert.StartsWith("a_", line[1], StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(line[2] + "=").Length);
    }
}
