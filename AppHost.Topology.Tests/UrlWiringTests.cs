using MatrixRtcLab.Topology.Lab;
using MatrixRtcLab.Topology.Tests.Support;

namespace MatrixRtcLab.Topology.Tests;

/// <summary>
/// Every URL a service is given points at a host and port another service listens on, in the
/// world the consumer lives in: containers resolve resource names (and the host gateway if they
/// declare it); the browser and host processes reach published ports on localhost.
/// </summary>
public sealed class UrlWiringTests : IDisposable
{
    private readonly RenderedLab lab = new();
    private readonly Dictionary<(string Host, int Port), string> inside = [];
    private readonly Dictionary<int, string> outside = [];

    public UrlWiringTests()
    {
        foreach (var container in lab.Description.GetProperty("containers").EnumerateArray())
        {
            var name = container.GetProperty("name").GetString()!;
            foreach (var endpoint in container.GetProperty("endpoints").EnumerateArray())
            {
                inside[(name, endpoint.GetProperty("container_port").GetInt32())] = name;
                Assert.True(outside.TryAdd(endpoint.GetProperty("host_port").GetInt32(), name), $"host port clash at {name}");
            }
        }

        var postgres = lab.Description.GetProperty("postgres");
        inside[(postgres.GetProperty("name").GetString()!, postgres.GetProperty("container_port").GetInt32())] = "postgres";
        var redis = lab.Description.GetProperty("redis");
        inside[(redis.GetProperty("name").GetString()!, redis.GetProperty("container_port").GetInt32())] = "redis";
        Assert.True(outside.TryAdd(redis.GetProperty("host_port").GetInt32(), "redis"));
        var auth = lab.Description.GetProperty("auth_service");
        Assert.True(outside.TryAdd(auth.GetProperty("host_port").GetInt32(), auth.GetProperty("name").GetString()!));
    }

    public void Dispose() => lab.Dispose();

    private void FromContainer(string consumer, string url, string expected)
    {
        var uri = new Uri(url);
        if (uri.Host == LabResourceNames.HostGateway)
        {
            Assert.Contains(LabResourceNames.HostGateway,
                lab.Container(consumer).GetProperty("host_gateway_aliases").EnumerateArray().Select(a => a.GetString()));
            Assert.True(outside.TryGetValue(uri.Port, out var hostService), $"{consumer}: nothing on the host listens on {uri.Port} ({url})");
            Assert.Equal(expected, hostService);
            return;
        }

        Assert.True(inside.TryGetValue((uri.Host, uri.Port), out var service), $"{consumer}: no container listens on {uri.Host}:{uri.Port} ({url})");
        Assert.Equal(expected, service);
    }

    private void FromHost(string consumer, string url, string expected)
    {
        var uri = new Uri(url);
        Assert.True(uri.Host == "localhost", $"{consumer}: {url} is not reachable from the host/browser");
        Assert.True(outside.TryGetValue(uri.Port, out var service), $"{consumer}: nothing is published on localhost:{uri.Port} ({url})");
        Assert.Equal(expected, service);
    }

    [Fact]
    public void Synapse_reaches_MAS_and_PostgreSQL_and_advertises_browser_URLs()
    {
        FromContainer("synapse", lab.Synapse.Text("matrix_authentication_service", "endpoint"), "mas");
        var db = lab.Synapse.At("database", "args");
        FromContainer("synapse", $"postgresql://{db.Text("host")}:{db.Text("port")}/", "postgres");
        FromHost("browser", lab.Synapse.Text("public_baseurl"), "synapse");
        FromHost("browser", Assert.Single(lab.Synapse.Items("matrix_rtc", "transports")).Text("livekit_service_url"), "auth-service");
    }

    [Fact]
    public void MAS_reaches_Synapse_PostgreSQL_and_Nextcloud_and_sends_browsers_to_public_URLs()
    {
        FromContainer("mas", lab.Mas.Text("matrix", "endpoint"), "synapse");
        FromContainer("mas", lab.Mas.Text("database", "uri"), "postgres");
        var provider = Assert.Single(lab.Mas.Items("upstream_oauth2", "providers"));
        foreach (var key in new[] { "token_endpoint", "jwks_uri", "userinfo_endpoint" })
        {
            FromContainer("mas", provider.Text(key), "nextcloud");
        }

        FromHost("browser", provider.Text("authorization_endpoint"), "nextcloud");
        FromHost("browser", lab.Mas.Text("http", "public_base"), "mas");
    }

    [Fact]
    public void LiveKit_reaches_the_auth_service_on_the_host()
    {
        foreach (var url in lab.LiveKit.Items("webhook", "urls"))
        {
            FromContainer("livekit", url.ToString(), "auth-service");
        }
    }

    [Fact]
    public void Auth_service_on_the_host_reaches_LiveKit_Synapse_and_Redis()
    {
        var env = lab.AuthServiceEnvironment;
        FromHost("auth-service", env["LIVEKIT_URL"], "livekit");
        FromHost("auth-service", env["LIVEKIT_REDIS_URL"], "redis");
        var serverName = lab.Synapse.Text("server_name");
        foreach (var key in new[] { "LIVEKIT_CS_API_URL_OVERRIDES", "LIVEKIT_FEDERATION_URL_OVERRIDES" })
        {
            var (name, url) = ParseOverride(env[key]);
            Assert.Equal(serverName, name);
            FromHost("auth-service", url, "synapse");
        }

        Assert.Equal($":{lab.Description.GetProperty("auth_service").GetProperty("host_port").GetInt32()}", env["LIVEKIT_JWT_BIND"]);
        Assert.Equal("false", env["LIVEKIT_BLOCK_PRIVATE_ADDRESSES"]);
    }

    [Fact]
    public void Browser_facing_configs_and_the_endpoints_file_use_published_ports()
    {
        FromHost("element-web", lab.ElementWeb.GetProperty("default_server_config").GetProperty("m.homeserver").GetProperty("base_url").GetString()!, "synapse");
        FromHost("element-call", lab.EmbeddedElementCall.GetProperty("livekit").GetProperty("livekit_service_url").GetString()!, "auth-service");
        var nextcloud = lab.Container("nextcloud").GetProperty("environment");
        FromHost("nextcloud", nextcloud.GetProperty("OVERWRITECLIURL").GetString()!, "nextcloud");

        var endpoints = lab.Json("endpoints.json");
        FromHost("e2e", endpoints.GetProperty("homeserverUrl").GetString()!, "synapse");
        FromHost("e2e", endpoints.GetProperty("elementWebUrl").GetString()!, "element-web");
        FromHost("e2e", endpoints.GetProperty("masUrl").GetString()!, "mas");
        FromHost("e2e", endpoints.GetProperty("nextcloudUrl").GetString()!, "nextcloud");
        FromHost("e2e", endpoints.GetProperty("authServiceUrl").GetString()!, "auth-service");
        FromHost("e2e", endpoints.GetProperty("liveKitUrl").GetString()!, "livekit");
    }

    [Fact]
    public void Every_dependency_names_a_resource_of_the_lab()
    {
        var names = lab.Description.GetProperty("containers").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToHashSet();
        names.UnionWith([LabResourceNames.Postgres, LabResourceNames.SynapseDatabase, LabResourceNames.MasDatabase, LabResourceNames.Redis]);
        var dependencies = lab.Description.GetProperty("containers").EnumerateArray()
            .Append(lab.Description.GetProperty("auth_service"))
            .SelectMany(c => c.GetProperty("depends_on").EnumerateArray().Select(d => d.GetString()));
        Assert.All(dependencies, d => Assert.Contains(d, names));
    }

    private static (string ServerName, string Url) ParseOverride(string value)
    {
        var entry = Assert.Single(value.Split(','));
        var parts = entry.Split('=', 2);
        return (parts[0], parts[1]);
    }
}
