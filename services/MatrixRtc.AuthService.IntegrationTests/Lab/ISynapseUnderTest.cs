namespace MatrixRtc.AuthService.IntegrationTests.Lab;

/// <summary>
/// The real Synapse the tests run against, named <see cref="ServerNames.Synapse"/>: a container, or a
/// local process from the Synapse root. Both run the same <see cref="Synapse.SynapseTestConfig"/>.
/// </summary>
public interface ISynapseUnderTest : IAsyncDisposable
{
    /// <summary>The client-server (and openid) listener as the test host reaches it.</summary>
    Uri BaseUrl { get; }

    /// <summary>For test users through <c>/_synapse/admin/v1/register</c>.</summary>
    string RegistrationSharedSecret { get; }

    /// <summary>Makes an OpenID token Synapse issued expire now, in its database.</summary>
    Task ExpireOpenIdTokenAsync(string token, CancellationToken cancellationToken);
}
