namespace MatrixRtc.Doctor.LiveKit;

/// <summary>LiveKit's Twirp API refused or could not be reached; the message is safe to show.</summary>
public sealed class LiveKitApiException(string message) : Exception(message);
