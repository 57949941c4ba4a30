namespace MatrixRtc.AuthService.Configuration;

/// <summary>Bad configuration: the service logs <see cref="Exception.Message"/> and exits with status 1.</summary>
public sealed class ConfigurationException(string variable, string message) : Exception(message)
{
    /// <summary>The environment variable at fault.</summary>
    public string Variable { get; } = variable;
}
