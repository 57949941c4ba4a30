namespace MatrixRtc.Doctor;

/// <summary>The caller asked for something that cannot work (bad option combination, malformed ID); the CLI exits 2.</summary>
public sealed class DoctorUsageException(string message) : Exception(message);
