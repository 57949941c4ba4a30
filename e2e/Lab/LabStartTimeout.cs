namespace MatrixRtcLab.E2E.Lab;

/// <summary>How long the suite waits for a lab it starts (the first start pulls images and installs Nextcloud).</summary>
public static class LabStartTimeout
{
    /// <summary>Seconds to wait; default <see cref="Default"/>.</summary>
    public const string Variable = "MATRIXRTC_E2E_LAB_START_TIMEOUT";

    public static TimeSpan Default { get; } = TimeSpan.FromMinutes(15);

    /// <exception cref="LabConfigurationException">The variable is set but not a positive number of seconds.</exception>
    public static TimeSpan Read(Func<string, string?> env) =>
        env(Variable) is { Length: > 0 } text
            ? int.TryParse(text, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new LabConfigurationException($"{Variable}={text}: expected a positive number of seconds.")
            : Default;
}
