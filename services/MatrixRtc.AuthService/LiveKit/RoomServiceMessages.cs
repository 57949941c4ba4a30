using Google.Protobuf;

namespace MatrixRtc.AuthService.LiveKit;

/// <summary>
/// The few LiveKit RoomService protobuf messages the service sends and reads, encoded field by field
/// (numbers from livekit_room.proto and livekit_models.proto). Unknown fields are skipped on read.
/// </summary>
public static class RoomServiceMessages
{
    /// <summary>CreateRoomRequest { name = 1; empty_timeout = 2; max_participants = 3; departure_timeout = 10; }</summary>
    public static byte[] CreateRoomRequest(string name, uint emptyTimeout, uint departureTimeout, uint maxParticipants)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        WriteString(output, 1, name);
        WriteUInt32(output, 2, emptyTimeout);
        WriteUInt32(output, 3, maxParticipants);
        WriteUInt32(output, 10, departureTimeout);
        output.Flush();
        return buffer.ToArray();
    }

    /// <summary>RoomParticipantIdentity { room = 1; identity = 2; }</summary>
    public static byte[] RoomParticipantIdentity(string room, string identity)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        WriteString(output, 1, room);
        WriteString(output, 2, identity);
        output.Flush();
        return buffer.ToArray();
    }

    /// <summary>Reads Room { name = 2; creation_time = 5 (unix seconds); }.</summary>
    /// <exception cref="InvalidProtocolBufferException">Not a protobuf message.</exception>
    public static CreatedRoom ReadRoom(byte[] message)
    {
        var input = new CodedInputStream(message);
        var name = "";
        long creationTime = 0;
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    name = input.ReadString();
                    break;
                case 5 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint:
                    creationTime = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new CreatedRoom(name, DateTimeOffset.FromUnixTimeSeconds(creationTime));
    }

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        if (value.Length > 0)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }
    }

    private static void WriteUInt32(CodedOutputStream output, int field, uint value)
    {
        if (value != 0)
        {
            output.WriteTag(field, WireFormat.WireType.Varint);
            output.WriteUInt32(value);
        }
    }
}
