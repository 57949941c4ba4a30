namespace MatrixRtc.AuthService.Benchmarks;

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(string Name, int Requests, int Failures, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double RequestsPerSecond => Requests / Seconds;
}
