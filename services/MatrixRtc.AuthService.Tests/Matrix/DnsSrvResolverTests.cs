using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Matrix;

public sealed class DnsSrvResolverTests
{
    [Fact]
    public async Task Answers_are_read_with_compression_and_ordered_by_priority()
    {
        using var dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]>
        {
            ["_matrix-fed._tcp.example.org"] =
            [
                new("backup.example.org.", 8449, 20, 0),
                new("matrix.example.org.", 443, 10, 5),
            ],
        });
        var resolver = new DnsSrvResolver([dns.EndPoint], TimeSpan.FromSeconds(2));

        var records = await resolver.ResolveAsync("_matrix-fed._tcp.example.org", TestContext.Current.CancellationToken);

        Assert.Equal(
            [new SrvRecord("matrix.example.org", 443, 10, 5), new SrvRecord("backup.example.org", 8449, 20, 0)],
            records);
    }

    [Fact]
    public async Task Nxdomain_is_no_records()
    {
        using var dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]>());
        var records = await new DnsSrvResolver([dns.EndPoint], TimeSpan.FromSeconds(2)).ResolveAsync("_matrix._tcp.nowhere.test", TestContext.Current.CancellationToken);
        Assert.Empty(records);
        Assert.Equal(["_matrix._tcp.nowhere.test"], dns.Questions);
    }

    [Fact]
    public async Task A_silent_server_times_out_and_the_next_one_answers()
    {
        using var silent = new FakeDnsServer(new Dictionary<string, SrvRecord[]>(), silent: true);
        using var good = new FakeDnsServer(new Dictionary<string, SrvRecord[]> { ["_matrix._tcp.x.test"] = [new("t.x.test", 1, 0, 0)] });
        var resolver = new DnsSrvResolver([silent.EndPoint, good.EndPoint], TimeSpan.FromMilliseconds(300));

        Assert.Single(await resolver.ResolveAsync("_matrix._tcp.x.test", TestContext.Current.CancellationToken));
        Assert.Single(silent.Questions);
    }

    [Fact]
    public async Task Every_server_silent_is_no_records()
    {
        using var silent = new FakeDnsServer(new Dictionary<string, SrvRecord[]>(), silent: true);
        Assert.Empty(await new DnsSrvResolver([silent.EndPoint], TimeSpan.FromMilliseconds(200)).ResolveAsync("_matrix._tcp.x.test", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Resolv_conf_name_servers_are_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["# comment", "search example.org", "nameserver 10.0.0.53", "nameserver ::1", "nameserver bogus"]);
            Assert.NotNull(DnsSrvResolver.FromResolvConf(path));
            Assert.NotNull(DnsSrvResolver.FromResolvConf("/nonexistent/resolv.conf"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Query_has_one_srv_question_with_recursion_desired()
    {
        var query = DnsSrvResolver.BuildQuery(0x1234, "_matrix._tcp.a.b");
        Assert.Equal([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0], query[..12]);
        Assert.Equal([0, 0, 33, 0, 1], query[^5..]);
        Assert.Throws<InvalidDataException>(() => DnsSrvResolver.BuildQuery(1, "a..b"));
    }
}
