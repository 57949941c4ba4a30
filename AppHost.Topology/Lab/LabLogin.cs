namespace MatrixRtcLab.Topology.Lab;

/// <summary>How users log in (<c>Lab:Login</c>).</summary>
public enum LabLogin
{
    /// <summary>MAS, with Nextcloud as its upstream OIDC provider (needs containers).</summary>
    Mas,

    /// <summary>Synapse's own password login; test users made by shared-secret registration. No MAS, no Nextcloud.</summary>
    Password,
}
