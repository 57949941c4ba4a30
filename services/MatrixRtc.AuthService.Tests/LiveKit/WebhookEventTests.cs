using System.Text;
using System.Text.Json;
using MatrixRtc.AuthService.DelayedLeave;
using MatrixRtc.AuthService.LiveKit;

namespace MatrixRtc.AuthService.Tests.LiveKit;

public sealed class WebhookEventTests
{
    private static ParticipantEvent? Map(string json) => WebhookEvent.Parse(Encoding.UTF8.GetBytes(json)).ToParticipantEvent();

    [Fact]
    public void Joined_maps_to_connected() =>
        Assert.Equal(ParticipantEvent.Connected, Map("""{"event":"participant_joined","room":{"name":"r"},"participant":{"identity":"i"}}"""));

    [Theory]
    [InlineData("participant_left", "\"CLIENT_INITIATED\"", ParticipantEvent.DisconnectedIntentionally)]
    [InlineData("participant_connection_aborted", "\"CLIENT_INITIATED\"", ParticipantEvent.DisconnectedIntentionally)]
    [InlineData("participant_left", "1", ParticipantEvent.DisconnectedIntentionally)]
    [InlineData("participant_left", "\"UNKNOWN_REASON\"", ParticipantEvent.ConnectionAborted)]
    [InlineData("participant_left", "\"SERVER_SHUTDOWN\"", ParticipantEvent.ConnectionAborted)]
    [InlineData("participant_left", "\"JOIN_FAILURE\"", ParticipantEvent.ConnectionAborted)]
    [InlineData("participant_connection_aborted", "\"SIGNAL_CLOSE\"", ParticipantEvent.ConnectionAborted)]
    [InlineData("participant_left", "0", ParticipantEvent.ConnectionAborted)]
    public void Departures_map_by_disconnect_reason(string type, string reason, ParticipantEvent expected) =>
        Assert.Equal(expected, Map($$$"""{"event":"{{{type}}}","room":{"name":"r"},"participant":{"identity":"i","disconnectReason":{{{reason}}}}}"""));

    [Fact]
    public void Snake_case_names_are_accepted() =>
        Assert.Equal(ParticipantEvent.DisconnectedIntentionally,
            Map("""{"event":"participant_left","room":{"name":"r","num_participants":1},"participant":{"identity":"i","disconnect_reason":"CLIENT_INITIATED"}}"""));

    [Fact]
    public void Absent_reason_is_an_aborted_connection() =>
        Assert.Equal(ParticipantEvent.ConnectionAborted, Map("""{"event":"participant_left","room":{"name":"r"},"participant":{"identity":"i"}}"""));

    [Theory]
    [InlineData("""{"event":"room_started","room":{"name":"r"}}""")]
    [InlineData("""{"event":"room_finished","room":{"name":"r"}}""")]
    [InlineData("""{"event":"track_published","room":{"name":"r"},"participant":{"identity":"i"}}""")]
    [InlineData("""{"event":"","room":{"name":"r"},"participant":{"identity":"i"}}""")]
    [InlineData("""{"event":"participant_joined"}""")]
    [InlineData("""{"event":"participant_joined","room":{"name":"r"}}""")]
    [InlineData("""{"event":"participant_left","room":null,"participant":{"identity":"i"}}""")]
    [InlineData("""{"unknownField":1}""")]
    public void Other_or_incomplete_events_are_ignored(string json) => Assert.Null(Map(json));

    [Theory]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("")]
    public void Non_objects_throw_json_exceptions(string body) =>
        Assert.ThrowsAny<JsonException>(() => WebhookEvent.Parse(Encoding.UTF8.GetBytes(body)));
}
