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
    private static readonly (string Name, Func<CheckRun, CancellationToken, Task> Check)[] Checks =
    [
        ("server_well_known", CheckServerWellKnownAsync),
        ("client_well_known", CheckClientWellKnownAsync),
        ("federation", CheckFederationAsync),
        ("versions", CheckVersionsAsync),
        ("delayed_events", CheckDelayedEventsAsync),
        ("delayed_event_round_trip", CheckDelayedEventRoundTripAsync),
        ("registration", CheckRegistrationAsync),
        ("auth_metadata", CheckAuthMetadataAsync),
        ("transports", CheckTransportsAsync),
        ("openid", CheckOpenIdAsync),
        ("auth_service", CheckAuthServiceAsync),
        ("livekit", CheckLiveKitAsync),
        ("turn", CheckTurnAsync),
    ];

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

        foreach (var (name, check) in Checks)
        {
            try
            {
                await check(run, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A document shaped in a way no check foresaw is a finding; the rest of the report must survive it.
                run.Add($"doctor.{name}", $"Checks of {name}", CheckOutcome.Fail, $"stopped on an answer it could not read: {e.GetType().Name}: {e.Message}");
            }
        }

        return new DeploymentReport(options.ServerName, _time.GetUtcNow(), run.Results);
    }
}
