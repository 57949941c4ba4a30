namespace MatrixRtc.AuthService.Matrix;

/// <summary>A DNS SRV answer.</summary>
public sealed record SrvRecord(string Target, int Port, int Priority, int Weight);
