namespace MatrixRtc.AuthService.LiveKit;

/// <summary>The LiveKit API key and secret; <see cref="ToString"/> never shows the secret.</summary>
public sealed record LiveKitCredentials(string Key, string Secret)
{
    public override string ToString() => $"LiveKitCredentials {{ Key = {Key} }}";
}
