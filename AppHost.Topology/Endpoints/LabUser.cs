namespace MatrixRtcLab.Topology.Endpoints;

/// <summary>A seeded test user: the upstream (Nextcloud) login and the Matrix localpart it maps to.</summary>
public sealed record LabUser(string Username, string Password, string DisplayName);
