using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.Tests.LiveKit;

public sealed class LiveKitRoomNamerTests
{
    [Theory]
    [InlineData("!roomid:example.com", "slot1234", "O8437W3+jmzMVjoIP3tNwbm+XxHQk2iKpOA7aqw3qSc")] // MSC4195 vector
    [InlineData("!room:example.com", "m.call#ROOM", "krj2dgxw2K6EOm9he4GfQJ6JsSVWfJ8a7BkyjZcSmxs")]
    [InlineData("!room:example.com", "m.call#", "hrQ0l3fv1RI0sCBUn3Nu59Bu/b3f7hWXbMLLfFMLNOY")]
    [InlineData("!room-a:example.com", "m.call#", "2cHfMFYkSCG0sSSNyhua00HhjgTBRdPCxeJqCcPl3wM")]
    [InlineData("!room-b:example.com", "m.call#", "qDZClpPYdYhmfOnEd22J/bCtPcsTiEG2DchJPyzFMWY")]
    [InlineData("testRoom", "m.call#ROOM", "eIef98dJcExp6z7AslNBwmoXV2uxgXfbQwxHZspO6kQ")]
    [InlineData("!testRoom:example.com", "m.call#ROOM", "/lBTLIGR4z7th3MC5UJfOWFVTGaX5H47h23RgN7n1aw")]
    [InlineData("", "", "Q5CD84lWulHs6QYxVSxuojxcKVcNPVcQ5AjnfgG6c3U")]
    [InlineData("!a&b:example.com", "m.call#ROOM", "BlPHg/JCOxLQr20ttEizBQLd7Bhh5m+r3M8rO3ejvzo")] // Go escapes & as \u0026
    public void Room_name_matches_the_specified_vectors(string roomId, string slotId, string expected) =>
        Assert.Equal(expected, LiveKitRoomNamer.RoomName(roomId, slotId));

    [Theory]
    [InlineData("@alice:example.com", "DEVICE123", "memberABC", "J+T45tGruxc+HrUOqJJlyQSV33m728Cme4+vt8/SWrU")] // MSC4195 vector
    [InlineData("@user:example.com", "device-id", "member-id", "UtPHR4r/z8ophPzj6QZDE9SCG3tBMirUd26RgMhw/G4")]
    public void Participant_identity_matches_the_specified_vectors(string userId, string deviceId, string memberId, string expected) =>
        Assert.Equal(expected, LiveKitRoomNamer.ParticipantIdentity(userId, deviceId, memberId));

    [Fact]
    public void Legacy_room_is_the_new_room_with_the_fixed_slot() =>
        Assert.Equal(LiveKitRoomNamer.RoomName("!room:example.com", "m.call#ROOM"),
            LiveKitRoomNamer.RoomName("!room:example.com", LiveKitRoomNamer.LegacySlotId));

    [Fact]
    public void Legacy_identity_is_user_and_device_in_clear()
    {
        Assert.Equal("@alice:example.com:DEVICE", LiveKitRoomNamer.LegacyParticipantIdentity("@alice:example.com", "DEVICE"));
        Assert.Equal("@alice:example.com:", LiveKitRoomNamer.LegacyParticipantIdentity("@alice:example.com", ""));
    }

    [Fact]
    public void Names_are_43_characters_without_padding_and_distinct()
    {
        var names = new[] { ("!a:x", "s"), ("!b:x", "s"), ("!a:x", "t"), ("!a:xs", "") }
            .Select(p => LiveKitRoomNamer.RoomName(p.Item1, p.Item2)).ToList();
        Assert.All(names, n => Assert.Equal(43, n.Length));
        Assert.All(names, n => Assert.DoesNotContain('=', n));
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
