using MatrixRtc.AuthService.Benchmarks;

// run (default): the whole benchmark; floor / relay-floor / homeserver: child-process roles it starts.
return args switch
{
    ["floor", var port] => await FloorServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["relay-floor", var port, var userInfo] => await RelayFloorServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), new Uri(userInfo)),
    ["homeserver", var port, var serverName] => await InstantHomeserver.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), serverName),
    [] or ["run", ..] => await TokenEndpointBenchmark.RunAsync(BenchmarkOptions.Parse(args.Skip(1).ToArray())),
    ["synapse", var endpoints, .. var rest] => await SynapseLatencyBenchmark.RunAsync(endpoints, BenchmarkOptions.Parse(rest) with { Rate = RateOr50(rest) }),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: MatrixRtc.AuthService.Benchmarks [run [--seconds N] [--warmup N] [--rounds N] [--connections N] [--rate N] [--out FILE]]");
    Console.Error.WriteLine("       MatrixRtc.AuthService.Benchmarks synapse ENDPOINTS_FILE [--seconds N] [--warmup N] [--rounds N] [--rate N] [--out FILE]   (a running lab with password login)");
    return 2;
}

// The Synapse benchmark's rate is 50 req/s unless given.
static int RateOr50(string[] rest) => rest.Contains("--rate") ? BenchmarkOptions.Parse(rest).Rate : 50;
