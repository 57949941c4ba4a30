namespace MatrixRtcLab.Topology.Endpoints;

/// <summary>An OAuth 2.0 confidential client's id and secret.</summary>
public sealed record LabClientCredentials(string ClientId, string ClientSecret);
