using System.Buffers.Binary;
using System.Net;
using MatrixRtc.AuthService.Matrix;
using MatrixRtc.AuthService.Tests.Fakes;

namespace MatrixRtc.AuthService.Tests.Matrix;

public sealed class DnsSrvResolverTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DnsSrvResolver Resolver(params FakeDnsServer[] servers) =>
        new([.. servers.Select(s => s.EndPoint)], TimeSpan.FromSeconds(2));

    [Fact]
    public async Task Answers_are_read_with_compression_and_ordered_by_priority()
    {
        using var dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]>
        {
            ["_matrix-fed._tcp.example.org"] =
            [
                new("backup.example.org.", 8449, 20, 0),
                new("matrix.example.org.", 443, 10, 5),
                new("heavy.example.org.", 443, 10, 50),
            ],
        });

        var records = await Resolver(dns).ResolveAsync("_matrix-fed._tcp.example.org", Cancel);

        Assert.Equal(
            [new SrvRecord("heavy.example.org", 443, 10, 50), new SrvRecord("matrix.example.org", 443, 10, 5), new SrvRecord("backup.example.org", 8449, 20, 0)],
            records);
    }

    [Fact]
    public async Task The_root_target_means_no_service()
    {
        using var dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]> { ["_matrix._tcp.none.test"] = [new(".", 0, 0, 0)] });
        Assert.Empty(await Resolver(dns).ResolveAsync("_matrix._tcp.none.test", Cancel));
    }

    [Fact]
    public async Task Queries_ask_one_srv_question_with_recursion_desired_and_no_edns()
    {
        using var dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]>());

        await Resolver(dns).ResolveAsync("_matrix._tcp.a.b", Cancel);

        var query = Assert.Single(dns.Queries);
        Assert.Equal(0x01, query[2] & 0x01); // RD
        Assert.Equal((1, 0, 0, 0), (Count(query, 4), Count(query, 6), Count(query, 8), Count(query, 10))); // one question, nothing else
        Assert.Equal([0, 33, 0, 1], query[^4..]); // QTYPE SRV, QCLASS IN
    }

    [Fact]
    public async Task Nxdomain_is_no_records_and_final()
    {
        using var first = new FakeDnsServer(new Dictionary<string, SrvRecord[]>());
        using var second = new FakeDnsServer(new Dictionary<string, SrvRecord[]> { ["_matrix._tcp.nowhere.test"] = [new("t.test", 1, 0, 0)] });

        var records = await Resolver(first, second).ResolveAsync("_matrix._tcp.nowhere.test", Cancel);

        Assert.Empty(records);
        Assert.Equal(["_matrix._tcp.nowhere.test"], first.Questions);
        Assert.Empty(second.Questions);
    }

    [Fact]
    public async Task An_answer_without_records_is_final()
    {
        using var first = new FakeDnsServer(new Dictionary<string, SrvRecord[]> { ["_matrix._tcp.empty.test"] = [] });
        using var second = new FakeDnsServer(new Dictionary<string, SrvRecord[]> { ["_matrix._tcp.empty.test"] = [new("t.test", 1, 0, 0)] });

        Assert.Empty(await Resolver(first, second).ResolveAsync("_matrix._tcp.empty.test", Cancel));
        Assert.Empty(second.Questions);
    }

    [Fact]
    public async Task A_server_failure_moves_on_to_the_next_server()
    {
        using var refusing = new FakeDnsServer(new Dictionary<string, SrvRecord[]>(), failWith: 5); // REFUSED
        using var good = new FakeDnsServer(new Dictionary<string, SrvRecord[]> { ["_matrix._tcp.x.test"] = [new("t.x.test", 1, 0, 0)] });

        Assert.Single(await Resolver(refusing, good).ResolveAsync("_matrix._tcp.x.test", Cancel));
        Assert.Single(refusing.Questions);
    }

    [Fact]
    public async Task A_silent_server_times_out_and_the_next_one_answers()
    {
        using var silent = new FakeDnsServer(new Dictionary<string, SrvRecord[]>(), silent: true);
        using var good = new FakeDnsServer(new Dictionary<string, SrvRecord[]> { ["_matrix._tcp.x.test"] = [new("t.x.test", 1, 0, 0)] });
        var resolver = new DnsSrvResolver([silent.EndPoint, good.EndPoint], TimeSpan.FromMilliseconds(300));

        Assert.Single(await resolver.ResolveAsync("_matrix._tcp.x.test", Cancel));
        Assert.Single(silent.Questions);
    }

    [Fact]
    public async Task Every_server_silent_is_no_records()
    {
        using var silent = new FakeDnsServer(new Dictionary<string, SrvRecord[]>(), silent: true);
        Assert.Empty(await new DnsSrvResolver([silent.EndPoint], TimeSpan.FromMilliseconds(200)).ResolveAsync("_matrix._tcp.x.test", Cancel));
    }

    [Fact]
    public async Task A_truncated_udp_answer_is_asked_again_over_tcp_and_every_record_is_returned()
    {
        SrvRecord[] many = [.. Enumerable.Range(0, 30).Select(i => new SrvRecord($"server-{i:00}.federation.example.org", 8448 + i, i % 3, i))];
        using var dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]> { ["_matrix-fed._tcp.big.test"] = many }, truncateOverUdp: true);

        var records = await Resolver(dns).ResolveAsync("_matrix-fed._tcp.big.test", Cancel);

        Assert.Equal(30, records.Count);
        Assert.Equal(many.OrderBy(r => r.Priority).ThenByDescending(r => r.Weight), records);
        Assert.Equal(["_matrix-fed._tcp.big.test", "_matrix-fed._tcp.big.test"], dns.Questions);
        Assert.Equal(["_matrix-fed._tcp.big.test"], dns.TcpQuestions);
    }

    [Theory]
    [InlineData("_matrix._tcp.a..b")]
    [InlineData("_matrix._tcp.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.test")]
    public async Task A_name_that_is_not_a_dns_name_has_no_records(string name)
    {
        using var dns = new FakeDnsServer(new Dictionary<string, SrvRecord[]>());
        Assert.Empty(await Resolver(dns).ResolveAsync(name, Cancel));
        Assert.Empty(dns.Questions);
    }

    [Fact]
    public async Task No_name_servers_means_no_records()
    {
        Assert.Empty(await new DnsSrvResolver([], TimeSpan.FromSeconds(1)).ResolveAsync("_matrix._tcp.x.test", Cancel));
    }

    [Fact]
    public void The_system_name_servers_are_used_or_else_the_loopback_resolver()
    {
        Assert.NotEmpty(DnsSrvResolver.FromSystemConfiguration().NameServers);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.0.0.53"), 53)], DnsSrvResolver.NameServersOrLoopback([new IPEndPoint(IPAddress.Parse("10.0.0.53"), 53)]));
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 53)], DnsSrvResolver.NameServersOrLoopback([]));
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 53)], DnsSrvResolver.NameServersOrLoopback([new IPEndPoint(IPAddress.Any, 53)]));
    }

    private static int Count(byte[] message, int offset) => BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(offset));
}
