namespace MatrixRtcLab.Topology.Lab;

/// <summary>
/// Every container image the lab runs, pinned. This is the one place to bump a version. Minimums behind
/// the tags: Synapse >= 1.157 needs the stable MAS section, LiveKit >= 1.9.11, Element Web >= 1.12.24
/// for the element_call keys, Nextcloud 34 for oidc app 2.0.9.
/// </summary>
public static class ImageVersions
{
    public static ContainerImage Postgres { get; } = new("docker.io", "library/postgres", "17.6");

    public static ContainerImage Redis { get; } = new("docker.io", "library/redis", "8.2");

    public static ContainerImage Synapse { get; } = new("ghcr.io", "element-hq/synapse", "v1.159.0");

    public static ContainerImage MatrixAuthenticationService { get; } =
        new("ghcr.io", "element-hq/matrix-authentication-service", "1.23.0");

    public static ContainerImage LiveKit { get; } = new("docker.io", "livekit/livekit-server", "v1.13.5");

    public static ContainerImage ElementWeb { get; } = new("ghcr.io", "element-hq/element-web", "v1.12.26");

    public static ContainerImage Nextcloud { get; } = new("docker.io", "library/nextcloud", "34.0.2-apache");

    public static IReadOnlyList<ContainerImage> All { get; } =
        [Postgres, Redis, Synapse, MatrixAuthenticationService, LiveKit, ElementWeb, Nextcloud];
}
