namespace MatrixRtcLab.E2E.Lab;

/// <summary>The lab description (environment or endpoints file) is present but wrong; the message names what to fix.</summary>
public sealed class LabConfigurationException(string message) : Exception(message);
