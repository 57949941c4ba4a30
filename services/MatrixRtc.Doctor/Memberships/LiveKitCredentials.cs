namespace MatrixRtc.Doctor.Memberships;

/// <summary>Where LiveKit's server API is and the key pair to sign requests with (the secret is never shown).</summary>
public sealed record LiveKitCredentials(Uri Url, string ApiKey, string ApiSecret)
{
    /// <summary>
    /// The auth service (lk-jwt-service) URL that hands out tokens for this LiveKit. Members naming another
    /// <c>livekit_service_url</c> are on another SFU and cannot be checked with these keys.
    /// </summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Whether <paramref name="transportUrl"/> names <see cref="ServiceUrl"/> (scheme and host case-insensitive, trailing slash ignored).</summary>
    public static bool SameService(string? transportUrl, Uri? serviceUrl) =>
        Normalize(transportUrl) is { } a && Normalize(serviceUrl?.ToString()) is { } b && a == b;

    internal static string? Normalize(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + u.AbsolutePath.TrimEnd('/') : null;

    public override string ToString() => $"LiveKitCredentials {{ Url = {Url}, ApiKey = {ApiKey}, ServiceUrl = {ServiceUrl} }}";
}
