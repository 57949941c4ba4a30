namespace MatrixRtcLab.E2E.Browser;

/// <summary>No Chromium is installed where the suite looks for one.</summary>
public sealed class BrowserNotFoundException(string message) : InvalidOperationException(message);
