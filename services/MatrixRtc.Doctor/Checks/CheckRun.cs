using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Http;

namespace MatrixRtc.Doctor.Checks;

/// <summary>State one run of <see cref="DeploymentChecker"/> carries from check to check.</summary>
internal sealed class CheckRun(DeploymentCheckOptions options, HttpProber http, TimeProvider time)
{
    public TimeProvider Time => time;

    public DeploymentCheckOptions Options => options;

    public HttpProber Http => http;

    public List<CheckResult> Results { get; } = [];

    public Uri WellKnownBase { get; set; } = null!;

    public Uri FederationBase { get; set; } = null!;

    public Uri ClientBase { get; set; } = null!;

    public List<Uri> RtcFoci { get; } = [];

    public List<Uri>? Transports { get; set; }

    public JsonObject? Versions { get; set; }

    public string? UserId => options.FullUserId;

    public string? OpenIdToken { get; set; }

    public Uri? AuthService { get; set; }

    public Uri? LiveKitSignallingUrl { get; set; }

    public string? LiveKitJwt { get; set; }

    public string? LiveKitRoomName { get; set; }

    /// <summary>HTTP status of <c>/rtc/validate</c> with the issued token, when it ran.</summary>
    public int? ValidateWithIssuedToken { get; set; }

    public void Add(string id, string title, CheckOutcome outcome, string finding, string? fix = null, Uri? url = null) =>
        Results.Add(new CheckResult(
            id,
            title,
            outcome,
            http.Redactor.Redact(finding),
            outcome is CheckOutcome.Warn or CheckOutcome.Fail ? fix : null,
            url is null ? null : http.Redactor.Display(url)));

    public Uri Under(Uri baseUrl, string path) => new(baseUrl, baseUrl.AbsolutePath.TrimEnd('/') + path);
}
