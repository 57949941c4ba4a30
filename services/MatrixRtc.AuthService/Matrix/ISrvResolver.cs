namespace MatrixRtc.AuthService.Matrix;

/// <summary>Looks up DNS SRV records.</summary>
public interface ISrvResolver
{
    /// <returns>The records by priority; empty when there are none or DNS fails.</returns>
    Task<IReadOnlyList<SrvRecord>> ResolveAsync(string name, CancellationToken cancellationToken);
}
