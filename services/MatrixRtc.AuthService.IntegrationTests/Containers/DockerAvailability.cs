using DotNet.Testcontainers.Configurations;

namespace MatrixRtc.AuthService.IntegrationTests.Containers;

/// <summary>
/// Whether Testcontainers found a Docker endpoint that answers a ping (its own auto-discovery:
/// DOCKER_HOST, ~/.testcontainers.properties, the local socket, Docker Desktop, rootless).
/// </summary>
public static class DockerAvailability
{
    /// <summary>Why no container can start here, or null when Docker is reachable.</summary>
    public static string? MissingReason() =>
        TestcontainersSettings.OS.DockerEndpointAuthConfig is null
            ? "no Docker (Testcontainers found no reachable endpoint: DOCKER_HOST, the Docker socket, Docker Desktop or rootless Docker)"
            : null;
}
