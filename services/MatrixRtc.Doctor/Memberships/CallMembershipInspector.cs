using MatrixRtc.Doctor.Http;
using MatrixRtc.Doctor.LiveKit;
using MatrixRtc.Doctor.Matrix;

namespace MatrixRtc.Doctor.Memberships;

/// <summary>Reads a room's call memberships (state and sticky), classifies them and, with LiveKit credentials, checks who is really on the SFU. Read-only.</summary>
public sealed class CallMembershipInspector(HttpClient http, TimeProvider? time = null)
{
    private const int StickyScanLimit = 100;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <exception cref="DoctorUsageException">Malformed options.</exception>
    /// <exception cref="MatrixApiException">The homeserver refused or could not be reached.</exception>
    public Task<RoomCallReport> InspectAsync(CallInspectionOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var prober = CreateProber(options.AccessToken, options.LiveKit, options.Timeout);
        return InspectAsync(new MatrixClient(prober, options.HomeserverUrl, options.AccessToken), prober, options, cancellationToken);
    }

    internal HttpProber CreateProber(string accessToken, LiveKitCredentials? liveKit, TimeSpan timeout)
    {
        var redactor = new SecretRedactor();
        redactor.Add(accessToken);
        redactor.Add(liveKit?.ApiSecret);
        return new HttpProber(http, timeout, redactor, _time);
    }

    internal async Task<RoomCallReport> InspectAsync(MatrixClient matrix, HttpProber prober, CallInspectionOptions options, CancellationToken ct) =>
        await InspectAsync(matrix, prober, options, await matrix.GetRoomStateAsync(options.RoomId, ct), ct);

    /// <summary>Classifies an already read room state (so a caller that needs the state too reads it once).</summary>
    internal async Task<RoomCallReport> InspectAsync(MatrixClient matrix, HttpProber prober, CallInspectionOptions options, IReadOnlyList<RoomEvent> state, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var joined = state
            .Where(e => e.Type == "m.room.member" && e.Content["membership"]?.ToString() == "join" && e.StateKey is not null)
            .Select(e => e.StateKey!)
            .ToHashSet(StringComparer.Ordinal);

        var memberships = state
            .Where(e => e.Type == MembershipClassifier.StateEventType && e.StateKey is not null)
            .Select(e => MembershipClassifier.Classify(e, joined, now))
            .ToList();

        var notes = new List<string>();
        foreach (var call in state.Where(e => e.Type == "org.matrix.msc3401.call"))
        {
            notes.Add($"org.matrix.msc3401.call '{call.StateKey}' present (reported only: current clients ignore it)");
        }

        if (options.IncludeSticky)
        {
            try
            {
                var recent = await matrix.GetRecentEventsAsync(options.RoomId, StickyScanLimit, ct);
                // Newest first: the first event per sticky key is the current one.
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var sticky in recent.Where(e => e.Type == MembershipClassifier.StickyEventType))
                {
                    var key = sticky.Content["msc4354_sticky_key"]?.ToString() ?? sticky.EventId;
                    if (seen.Add(key))
                    {
                        memberships.Add(MembershipClassifier.Classify(sticky, joined, now));
                    }
                }
            }
            catch (MatrixApiException e)
            {
                notes.Add($"sticky m.rtc.member events not read: {e.Message}");
            }
        }

        var report = new RoomCallReport(options.RoomId, now, memberships, notes);
        return options.LiveKit is { } liveKit ? await CrossCheckAsync(report, prober, liveKit, ct) : report;
    }

    private async Task<RoomCallReport> CrossCheckAsync(RoomCallReport report, HttpProber prober, LiveKitCredentials credentials, CancellationToken ct)
    {
        var service = new LiveKitRoomService(prober, LiveKitRoomService.HttpBaseOf(credentials.Url), new LiveKitAccessToken(credentials.ApiKey, credentials.ApiSecret, _time));
        try
        {
            var candidates = LiveKitNames.RoomNameCandidates(report.RoomId);
            var rooms = await service.ListRoomsAsync(candidates.Select(c => c.Name), ct);
            var match = candidates.FirstOrDefault(c => rooms.Any(r => r.Name == c.Name));
            var notes = new List<string>(report.Notes);
            if (match.Name is null)
            {
                notes.Add($"no LiveKit room matched any name this room can have ({string.Join(", ", candidates.Select(c => c.Name))}): room-call members this SFU serves count as not on it");
            }

            var participants = match.Name is null ? [] : await service.ListParticipantsAsync(match.Name, ct);
            var present = participants.Where(p => p.State != "DISCONNECTED").Select(p => p.Identity).ToHashSet(StringComparer.Ordinal);
            var checkable = CheckableOnThisSfu(report.Memberships.Where(m => m.CountsAsInCall).ToList(), credentials, notes);
            var memberships = report.Memberships
                .Select(m => checkable.Contains(m) ? m with { OnSfu = m.LiveKitIdentity is { } id && present.Contains(id) } : m)
                .ToList();
            // The LiveKit room checked is the one of the room call; members of other slots may be anywhere (OnSfu stays unknown).
            var expected = memberships.Where(m => m.CountsAsInCall).Select(m => m.LiveKitIdentity).OfType<string>().ToHashSet(StringComparer.Ordinal);
            return report with
            {
                Memberships = memberships,
                Notes = notes,
                LiveKitRoom = match.Name is null ? null : $"{match.Name} (auth service {match.Generation})",
                GhostParticipants = [.. present.Where(p => !expected.Contains(p)).Order(StringComparer.Ordinal)],
            };
        }
        catch (LiveKitApiException e)
        {
            return report with { LiveKitError = e.Message };
        }
    }

    /// <summary>
    /// Room-call members these LiveKit keys can vouch for: a member naming another
    /// auth service publishes on another SFU, so its absence here proves nothing. Without a known service URL, members
    /// naming several different ones cannot be told apart and all stay unknown.
    /// </summary>
    private static HashSet<CallMembership> CheckableOnThisSfu(List<CallMembership> roomCall, LiveKitCredentials credentials, List<string> notes)
    {
        if (credentials.ServiceUrl is { } service)
        {
            var elsewhere = roomCall.Where(m => !LiveKitCredentials.SameService(m.TransportUrl, service)).ToList();
            if (elsewhere.Count > 0)
            {
                notes.Add($"{elsewhere.Count} member(s) name another (or no) auth service than {service}: presence on their SFU unknown");
            }

            return [.. roomCall.Except(elsewhere)];
        }

        var named = roomCall.Select(m => LiveKitCredentials.Normalize(m.TransportUrl)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 1)
        {
            notes.Add($"members name {named.Count} different auth services ({string.Join(", ", named.Order(StringComparer.Ordinal))}): presence unknown for all; give --livekit-service-url to say which one belongs to this LiveKit");
            return [];
        }

        return [.. roomCall];
    }
}
