namespace MatrixRtcLab.E2E.Lab;

/// <summary>A lab that is being started, as <see cref="LabStartWait"/> watches it.</summary>
public interface IStartingLab
{
    /// <summary>Where the AppHost writes the endpoints file once every resource is healthy and the test users exist.</summary>
    string EndpointsFile { get; }

    /// <summary>Why the lab can no longer come up (a resource failed or exited, the AppHost stopped); null while it still may.</summary>
    string? Failure();

    /// <summary>The state and health of each resource and the AppHost's last log lines, for a message that explains a failed start.</summary>
    string Diagnostics();
}
