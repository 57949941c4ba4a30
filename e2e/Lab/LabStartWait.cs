using MatrixRtcLab.Topology.Endpoints;

namespace MatrixRtcLab.E2E.Lab;

/// <summary>
/// The time a starting lab has, from the moment this is created: until the AppHost has written its
/// endpoints file and every endpoint in it answers. Fails at once when the lab can no longer come up,
/// and at the timeout otherwise; both failures carry the lab's diagnostics.
/// </summary>
public sealed class LabStartWait
{
    private readonly Func<LabEndpoints, CancellationToken, Task<IReadOnlyList<string>>> _problems;
    private readonly TimeProvider _time;
    private readonly long _began;
    private readonly DateTimeOffset _startedAt;

    public LabStartWait(Func<LabEndpoints, CancellationToken, Task<IReadOnlyList<string>>> problems, TimeProvider time, TimeSpan timeout)
    {
        _problems = problems;
        _time = time;
        Timeout = timeout;
        _began = time.GetTimestamp();
        _startedAt = time.GetUtcNow();
    }

    public TimeSpan Timeout { get; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>What is left of <see cref="Timeout"/>; never negative.</summary>
    public TimeSpan Remaining => Timeout - _time.GetElapsedTime(_began) is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    public LabStartException TimedOut(IStartingLab lab, string waitingFor) => new(
        $"The lab started by this run was not up within {Timeout.TotalSeconds:0} s ({LabStartTimeout.Variable}): {waitingFor}." +
        $"{Environment.NewLine}{lab.Diagnostics()}");

    public static LabStartException CannotComeUp(IStartingLab lab, string failure) => new(
        $"The lab started by this run cannot come up: {failure}.{Environment.NewLine}{lab.Diagnostics()}");

    /// <exception cref="LabStartException">The lab failed, or was not up in time.</exception>
    public async Task<LabEndpoints> UntilUpAsync(IStartingLab lab, CancellationToken cancellationToken)
    {
        var waitingFor = $"the endpoints file {lab.EndpointsFile} has not been written yet";
        while (true)
        {
            if (lab.Failure() is { } failure)
            {
                throw CannotComeUp(lab, failure);
            }

            // A file older than this start is a stale one of an earlier lab, not this lab's signal.
            if (File.Exists(lab.EndpointsFile) && File.GetLastWriteTimeUtc(lab.EndpointsFile) >= _startedAt.UtcDateTime.AddSeconds(-1))
            {
                LabEndpoints endpoints;
                try
                {
                    endpoints = LabEndpointsFile.Read(lab.EndpointsFile);
                }
                catch (InvalidDataException e)
                {
                    throw new LabStartException($"The lab started by this run wrote an endpoints file the suite cannot read: {e.Message}", e);
                }

                var problems = await _problems(endpoints, cancellationToken);
                if (problems.Count == 0)
                {
                    return endpoints;
                }

                waitingFor = $"the endpoints file was written but not every endpoint answers ({string.Join("; ", problems)})";
            }

            if (Remaining == TimeSpan.Zero)
            {
                throw TimedOut(lab, waitingFor);
            }

            await Task.Delay(PollInterval < Remaining ? PollInterval : Remaining, _time, cancellationToken);
        }
    }
}
