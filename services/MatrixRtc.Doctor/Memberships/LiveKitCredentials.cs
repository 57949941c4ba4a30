namespace MatrixRtc.Doctor.Memberships;

/// <summary>Where LiveKit's server API is and the key pair to sign requests with (the secret is never shown).</summary>
public sealed record LiveKitCredentials(Uri Url, string ApiKey, string ApiSecret)
{
    public override string ToString() => $"LiveKitCredentials {{ Url = {Url}, ApiKey = {ApiKey} }}";
}
