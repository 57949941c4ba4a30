namespace MatrixRtcLab.E2E.Lab;

/// <summary>The lab this run started did not come up; the message says why, with the AppHost's resource states and last log lines.</summary>
public sealed class LabStartException(string message, Exception? inner = null) : Exception(message, inner);
