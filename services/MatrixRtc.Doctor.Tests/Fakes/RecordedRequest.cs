namespace MatrixRtc.Doctor.Tests.Fakes;

/// <summary>One request a fake server received, exactly as it arrived.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string Body)
{
    public bool IsWrite => Method is "PUT" or "POST" or "DELETE" or "PATCH";
}
