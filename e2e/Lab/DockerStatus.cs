namespace MatrixRtcLab.E2E.Lab;

/// <summary>Whether a Docker engine answers, and if not, what <c>docker info</c> said.</summary>
public sealed record DockerStatus(bool Available, string Detail);
