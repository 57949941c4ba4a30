using MatrixRtc.Doctor.Http;

namespace MatrixRtc.Doctor.Checks;

/// <summary>
/// Diagnoses a MatrixRTC deployment from the outside, the way a client sees it: testmatrix's checks
/// plus transports, LiveKit reachability with the issued token, auto_create, MAS discovery and TURN.
/// Side effects are limited to what a client joining a call does (an OpenID token, a LiveKit token for
/// a fresh room); nothing is written to any room.
/// </summary>
/// <param name="http">Preferably from <see cref="DoctorHttpClient.Create"/> (redirects must not be followed automatically).</param>
/// <param name="time">Clock for token lifetimes; <see cref="TimeProvider.System"/> when null.</param>
public sealed partial class DeploymentChecker(HttpClient http, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs every check; never throws for an unreachable or broken deployment (that is a finding).</summary>
    /// <exception cref="DoctorUsageException">The options do not fit together.</exception>
    public async Task<DeploymentReport> RunAsync(DeploymentCheckOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var redactor = new SecretRedactor();
        redactor.Add(options.AccessToken);
        redactor.Add(options.LiveKitSecret);
        var run = new CheckRun(options, new HttpProber(http, options.Timeout, redactor, _time), _time);
        run.WellKnownBase = options.ServerBaseUrl ?? new Uri($"https://{options.ServerName}/");

        await CheckServerWellKnownAsync(run, cancellationToken);
        await CheckClientWellKnownAsync(run, cancellationToken);
        await CheckFederationAsync(run, cancellationToken);
        await CheckVersionsAsync(run, cancellationToken);
        await CheckDelayedEventsAsync(run, cancellationToken);
        await CheckDelayedEventRoundTripAsync(run, cancellationToken);
        await CheckRegistrationAsync(run, cancellationToken);
        await CheckAuthMetadataAsync(run, cancellationToken);
        await CheckTransportsAsync(run, cancellationToken);
        await CheckOpenIdAsync(run, cancellationToken);
        await CheckAuthServiceAsync(run, cancellationToken);
        await CheckLiveKitAsync(run, cancellationToken);
        await CheckTurnAsync(run, cancellationToken);

        return new DeploymentReport(options.ServerName, _time.GetUtcNow(), run.Results);
    }
}
