using System.Globalization;

namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>How long and how hard to load each target.</summary>
public sealed record BenchmarkOptions(int Seconds, int WarmupSeconds, int Rounds, int Connections, int Rate, string? OutputFile)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(Seconds: 10, WarmupSeconds: 20, Rounds: 3, Connections: 32, Rate: 500, OutputFile: null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--warmup" => options with { WarmupSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--connections" => options with { Connections = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--out" => options with { OutputFile = args[i + 1] },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }

        return options;
    }
}
