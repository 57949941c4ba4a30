using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

/// <summary>MAS logs users in through Nextcloud with the client Nextcloud's hook registers.</summary>
public sealed class MasConfigTests : IDisposable
{
    private readonly RenderedLab lab = new();

    public void Dispose() => lab.Dispose();

    [Fact]
    public void Upstream_provider_matches_the_client_the_Nextcloud_hook_creates()
    {
        var provider = Assert.Single(lab.Mas.Items("upstream_oauth2", "providers"));
        var create = NextcloudHookRun.Execute(lab.NextcloudHookPath).Single(c => c.Command == "oidc:create");

        Assert.Equal(provider.Text("client_id"), create.Option("--client_id"));
        Assert.Equal(provider.Text("client_secret"), create.Option("--client_secret"));
        Assert.Equal("confidential", create.Option("--type"));
        var redirect = new Uri(create.Arguments[2]);
        Assert.Equal(new Uri(new Uri(lab.Mas.Text("http", "public_base")), $"upstream/callback/{provider.Text("id")}"), redirect);
        Assert.Equal(provider.Text("id").ToUpperInvariant(), provider.Text("id"));
    }

    [Fact]
    public void Upstream_provider_uses_the_pinned_issuer_userinfo_and_PKCE()
    {
        var provider = Assert.Single(lab.Mas.Items("upstream_oauth2", "providers"));
        var nextcloud = lab.Container("nextcloud").GetProperty("environment");
        var issuer = $"{nextcloud.GetProperty("OVERWRITEPROTOCOL").GetString()}://{nextcloud.GetProperty("OVERWRITEHOST").GetString()}";
        Assert.Equal(issuer, provider.Text("issuer"));
        Assert.Equal("disabled", provider.Text("discovery_mode"));
        Assert.Equal("always", provider.Text("pkce_method"));
        Assert.Equal("true", provider.Text("fetch_userinfo"));
        Assert.Equal("client_secret_post", provider.Text("token_endpoint_auth_method"));
        Assert.Contains("openid", provider.Text("scope").Split(' '));
        Assert.Equal("require", provider.Text("claims_imports", "localpart", "action"));
        Assert.Equal("true", provider.Text("claims_imports", "skip_confirmation"));
        Assert.StartsWith(issuer + "/", provider.Text("authorization_endpoint"), StringComparison.Ordinal);
    }

    [Fact]
    public void Public_base_is_the_browser_URL_and_local_passwords_are_off()
    {
        Assert.Equal(lab.Json("endpoints.json").GetProperty("masUrl").GetString(), lab.Mas.Text("http", "public_base"));
        Assert.Equal("false", lab.Mas.Text("passwords", "enabled"));
        Assert.Equal("true", lab.Mas.Text("policy", "data", "client_registration", "allow_insecure_uris"));
        Assert.True(int.Parse(lab.Mas.Text("rate_limiting", "login", "per_ip", "burst"), System.Globalization.CultureInfo.InvariantCulture) > 3);
    }

    [Fact]
    public void Has_encryption_secret_and_both_signing_keys()
    {
        var encryption = lab.Mas.Text("secrets", "encryption");
        Assert.Equal(32, Convert.FromHexString(encryption).Length);
        var keys = lab.Mas.Items("secrets", "keys").Select(k => k.Text("key")).ToList();
        Assert.Equal(2, keys.Count);
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(keys[0]);
        using var ec = System.Security.Cryptography.ECDsa.Create();
        ec.ImportFromPem(keys[1]);
        Assert.Equal(256, ec.KeySize);
    }

    [Fact]
    public void Health_resource_is_on_the_listener_the_health_check_probes()
    {
        var listener = Assert.Single(lab.Mas.Items("http", "listeners"));
        Assert.Contains(listener.Items("resources"), r => r.Text("name") == "health");
        var port = int.Parse(Assert.Single(listener.Items("binds")).Text("port"), System.Globalization.CultureInfo.InvariantCulture);
        var mas = lab.Container("mas");
        var endpointName = mas.GetProperty("health_check").GetProperty("endpoint_name").GetString();
        var endpoint = mas.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("name").GetString() == endpointName);
        Assert.Equal(port, endpoint.GetProperty("container_port").GetInt32());
    }
}
