using MatrixRtc.AuthService.Benchmarks;

// run (default): the whole benchmark; floor / homeserver: child-process roles it starts.
return args switch
{
    ["floor", var port] => await FloorServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["homeserver", var port, var serverName] => await InstantHomeserver.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), serverName),
    [] or ["run", ..] => await TokenEndpointBenchmark.RunAsync(BenchmarkOptions.Parse(args.Skip(1).ToArray())),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: MatrixRtc.AuthService.Benchmarks [run [--seconds N] [--connections N] [--rate N] [--out FILE]]");
    return 2;
}
