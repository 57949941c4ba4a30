using System.Security.Cryptography;
using MatrixRtcLab.E2E.Matrix;
using MatrixRtcLab.Topology.Endpoints;
using Xunit;

namespace MatrixRtcLab.E2E.Users;

/// <summary>
/// Fresh users for every test (no leftover devices, cross-signing or rooms from an earlier run),
/// created through MAS's admin API, each with a provisioned device and a display name.
/// </summary>
public sealed class TestUsers(LabEndpoints lab, HttpClient http)
{
    private MasAdminApi? _admin;

    public async Task<MatrixUser> CreateAsync(string displayName, CancellationToken ct)
    {
        var admin = _admin ??= new MasAdminApi(http, RequireMas(lab), RequireAdminClient(lab));
        var username = $"e2e-{displayName.ToLowerInvariant()}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        var deviceId = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10);
        var masUserId = await admin.CreateUserAsync(username, ct);
        var token = await admin.CreateSessionAsync(masUserId, deviceId, TimeSpan.FromHours(2), ct);
        var user = new MatrixUser($"@{username}:{lab.ServerName}", username, displayName, token, deviceId);
        await new MatrixClientApi(http, lab.HomeserverUrl).SetDisplayNameAsync(user, ct);
        return user;
    }

    private static Uri RequireMas(LabEndpoints lab)
    {
        if (lab.MasUrl is null)
        {
            Assert.Skip("The deployment publishes no MAS URL (LabEndpoints.MasUrl / MATRIXRTC_E2E_MAS_URL), so no fresh users can be made.");
        }
        return lab.MasUrl;
    }

    private static LabClientCredentials RequireAdminClient(LabEndpoints lab)
    {
        if (lab.MasAdminClient is null)
        {
            Assert.Skip("The deployment publishes no MAS admin client (LabEndpoints.MasAdminClient / " +
                "MATRIXRTC_E2E_MAS_ADMIN_CLIENT_ID and _SECRET), so no fresh users can be made.");
        }
        return lab.MasAdminClient;
    }
}
