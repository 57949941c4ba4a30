using System.Security.Cryptography;
using System.Text;
using MatrixRtc.Doctor.LiveKit;

namespace MatrixRtc.Doctor.Tests.Memberships;

public sealed class LiveKitNamesTests
{
    [Fact]
    public void Hashes_are_over_JavaScript_style_JSON_without_escaping_plus_or_non_ASCII()
    {
        Assert.Equal("""["!a+b:hs","m.call#ROOM"]""", LiveKitNames.JsonArray("!a+b:hs", "m.call#ROOM"));
        Assert.Equal("""["@jörg:hs","<D&V>","x\"y\\z"]""", LiveKitNames.JsonArray("@jörg:hs", "<D&V>", "x\"y\\z"));
    }

    [Fact]
    public void Room_name_is_unpadded_standard_base64_of_sha256()
    {
        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("""["!room:hs","m.call#ROOM"]"""))).TrimEnd('=');
        Assert.Equal(expected, LiveKitNames.RoomName("!room:hs"));
        Assert.Equal(43, expected.Length);
        var candidates = LiveKitNames.RoomNameCandidates("!room:hs");
        Assert.Equal(["v0.4.3+", "v0.4.1-v0.4.2", "v0.4.0", "v0.3 or older"], candidates.Select(c => c.Generation));
        Assert.Equal("!room:hs", candidates[^1].Name);
    }
}
