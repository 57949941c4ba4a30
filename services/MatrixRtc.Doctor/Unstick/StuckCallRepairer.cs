using System.Text.Json.Nodes;
using MatrixRtc.Doctor.Matrix;
using MatrixRtc.Doctor.Memberships;

namespace MatrixRtc.Doctor.Unstick;

/// <summary>
/// Clears call memberships that keep a call "ongoing" although nobody is there: plans
/// first, checks power levels and state-key ownership, re-reads each event just before writing
/// <c>{}</c>, never writes over an empty membership (idempotent), and never touches sticky
/// <c>m.rtc.member</c> events or <c>org.matrix.msc3401.call</c>. Dry run unless <see cref="UnstickOptions.Apply"/>.
/// </summary>
public sealed class StuckCallRepairer(HttpClient http, TimeProvider? time = null)
{
    private const int MaxRateLimitRetries = 3;

    /// <summary>A homeserver asking for a longer pause than this is not waited for longer (the run must stay interactive).</summary>
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <exception cref="DoctorUsageException">Malformed options.</exception>
    /// <exception cref="MatrixApiException">The token is refused or the room cannot be read.</exception>
    public async Task<UnstickReport> RunAsync(UnstickOptions options, CancellationToken cancellationToken = default)
    {
        var inspection = options.Inspection;
        inspection.Validate();
        var inspector = new CallMembershipInspector(http, _time);
        var prober = inspector.CreateProber(options.AccessToken, options.LiveKit, options.Timeout);
        var matrix = new MatrixClient(prober, options.HomeserverUrl, options.AccessToken);

        var (me, _) = await matrix.WhoAmIAsync(cancellationToken);
        var state = await matrix.GetRoomStateAsync(options.RoomId, cancellationToken);
        var room = await inspector.InspectAsync(matrix, prober, inspection, state, cancellationToken);
        var roomVersion = state.FirstOrDefault(e => e.Type == "m.room.create")?.Content["room_version"] is JsonValue version && version.TryGetValue<string>(out var v) ? v : "1";
        var levels = PowerLevels.From(state, roomVersion);
        var notes = new List<string>(room.Notes);
        if (room.LiveKitError is not null)
        {
            notes.Add($"LiveKit cross-check failed, deciding without it: {room.LiveKitError}");
        }

        if (room.LiveKitRoom is not null)
        {
            notes.Add($"LiveKit room {room.LiveKitRoom}");
        }

        var now = _time.GetUtcNow();
        var items = room.Memberships.Select(m => Plan(m, options, me, levels, roomVersion, now)).ToList();

        if (!options.Apply)
        {
            return new UnstickReport(options.RoomId, me, options.Apply, items, room.CallActive, null, notes);
        }

        // From the first write on, the report of what was written must survive any later error or Ctrl+C.
        var interrupted = false;
        var writing = -1;
        bool? after = null;
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Outcome == UnstickOutcome.Planned)
                {
                    writing = i;
                    items[i] = await ClearAsync(matrix, options.RoomId, items[i], cancellationToken);
                }
            }

            writing = -1;

            if (options.VerifyWait > TimeSpan.Zero && items.Any(i => i.Outcome == UnstickOutcome.Cleared))
            {
                await Task.Delay(options.VerifyWait, _time, cancellationToken);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i].Outcome == UnstickOutcome.Cleared)
                    {
                        items[i] = await VerifyAsync(matrix, options.RoomId, items[i], cancellationToken);
                    }
                }
            }

            after = (await inspector.InspectAsync(matrix, prober, inspection with { LiveKit = null }, cancellationToken)).CallActive;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
            notes.Add("interrupted: the room was not re-read, call active after is unknown");
            for (var i = 0; i < items.Count; i++)
            {
                if (i == writing)
                {
                    items[i] = items[i] with { Outcome = UnstickOutcome.Failed, Reason = $"{items[i].Reason}; interrupted while writing it: whether it was written is unknown (run again to see)" };
                }
                else if (items[i].Outcome == UnstickOutcome.Planned)
                {
                    items[i] = items[i] with { Reason = $"{items[i].Reason}; not written (interrupted)" };
                }
            }
        }
        catch (MatrixApiException e)
        {
            notes.Add($"re-reading the room after writing failed, call active after is unknown: {e.Message}");
        }

        return new UnstickReport(options.RoomId, me, options.Apply, items, room.CallActive, after, notes) { Interrupted = interrupted };
    }

    private static UnstickItem Plan(CallMembership m, UnstickOptions options, string me, PowerLevels levels, string roomVersion, DateTimeOffset now)
    {
        if (m.Generation == MembershipGeneration.Sticky)
        {
            return m.Class == MembershipClass.Empty
                ? new UnstickItem(m, UnstickOutcome.Skipped, "already left")
                : new UnstickItem(m, UnstickOutcome.Skipped, $"sticky m.rtc.member: only its sender can replace it; it stops counting at {m.ExpiresAt:HH:mm:ss}Z by itself");
        }

        if (m.Class is MembershipClass.Active or MembershipClass.LegacyActive && m.Slot is not null && !m.IsRoomCall)
        {
            return new UnstickItem(m, UnstickOutcome.Skipped, $"belongs to {m.Slot}, not the room call ({CallMembership.RoomCallSlot}): left alone");
        }

        var age = now - m.LastTouched;
        string? why = m.Class switch
        {
            MembershipClass.Empty => null,
            MembershipClass.Active when age < options.Grace => null,
            MembershipClass.Active when m.OnSfu == false => $"stale: not on the SFU (last written {Ago(age)} ago)",
            MembershipClass.Active when m.OnSfu == true => null,
            MembershipClass.Active or MembershipClass.LegacyActive when m.OnSfu is null && age >= options.StaleAfter && options.ForceSuspect =>
                $"suspect: not refreshed for {Ago(age)}, presence on the SFU unknown (--force-suspect)",
            MembershipClass.Expired or MembershipClass.Orphaned or MembershipClass.Invalid or MembershipClass.LegacyExpired when options.IncludeExpired =>
                $"{m.Class.ToString().ToLowerInvariant()} (--include-expired)",
            _ => null,
        };

        if (why is null)
        {
            var reason = m.Class switch
            {
                MembershipClass.Empty => "already left",
                MembershipClass.Active when age < options.Grace => $"joined {Ago(age)} ago (within the grace period)",
                MembershipClass.Active when m.OnSfu == true => "live: on the SFU",
                MembershipClass.Active or MembershipClass.LegacyActive when age < options.StaleAfter => $"refreshed {Ago(age)} ago; without LiveKit data only older than {Ago(options.StaleAfter)} is suspect",
                MembershipClass.Active or MembershipClass.LegacyActive => $"suspect (not refreshed for {Ago(age)}); give LiveKit credentials to confirm, or --force-suspect",
                _ => $"{m.Class.ToString().ToLowerInvariant()}: clients already ignore it (--include-expired clears it)",
            };
            return new UnstickItem(m, UnstickOutcome.Skipped, reason);
        }

        var required = levels.StateEventLevel(m.EventType);
        var mine = levels.UserLevel(me);
        if (mine < required)
        {
            return new UnstickItem(m, UnstickOutcome.Denied, $"{why}; but PL_TOO_LOW: your power level {mine} < {required} needed for {m.EventType}");
        }

        var key = m.StateKey!;
        if (key.StartsWith('@') && key != me)
        {
            // MSC3757 room versions let the owner write its own @owner_suffix keys, and a strictly higher power level anyone's.
            var owner = OwnerOf(key);
            var msc3757 = roomVersion.Contains("msc3757", StringComparison.OrdinalIgnoreCase) || roomVersion.Contains("msc3779", StringComparison.OrdinalIgnoreCase);
            if (!msc3757 || (owner != me && mine <= levels.UserLevel(owner)))
            {
                return new UnstickItem(m, UnstickOutcome.Denied, $"{why}; but DENIED_OWNED: state key '{key}' belongs to {owner}, only they can clear it");
            }
        }

        return new UnstickItem(m, UnstickOutcome.Planned, why);
    }

    private async Task<UnstickItem> ClearAsync(MatrixClient matrix, string roomId, UnstickItem item, CancellationToken ct)
    {
        var m = item.Membership;
        RoomEvent? current;
        try
        {
            current = await matrix.GetStateEventAsync(roomId, m.EventType, m.StateKey!, ct);
        }
        catch (MatrixApiException e)
        {
            // One unreadable key must not abort the others (or hide what was already written).
            return item with { Outcome = UnstickOutcome.Failed, Reason = $"re-reading it failed: {e.Message}" };
        }

        if (current is null || current.EventId != m.EventId)
        {
            return item with { Outcome = UnstickOutcome.ChangedMeanwhile, Reason = "changed since it was read (re-joined or left); not written" };
        }

        if (current.Content.Count == 0)
        {
            return item with { Outcome = UnstickOutcome.Skipped, Reason = "already left" };
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var eventId = await matrix.PutStateAsync(roomId, m.EventType, m.StateKey!, [], ct);
                return item with { Outcome = UnstickOutcome.Cleared, NewEventId = eventId };
            }
            catch (MatrixApiException e) when (e.Status == 429 && attempt < MaxRateLimitRetries)
            {
                var wait = e.RetryAfter ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait > MaxRetryAfter ? MaxRetryAfter : wait, _time, ct);
            }
            catch (MatrixApiException e) when (e.Status == 403)
            {
                var code = e.Error?.Contains("user_level", StringComparison.Ordinal) == true ? "PL_TOO_LOW"
                    : e.Error?.Contains("others state", StringComparison.OrdinalIgnoreCase) == true ? "DENIED_OWNED"
                    : e.Error?.Contains("not in room", StringComparison.OrdinalIgnoreCase) == true ? "NOT_JOINED"
                    : "FORBIDDEN";
                return item with { Outcome = UnstickOutcome.Denied, Reason = $"{code}: {e.Message}" };
            }
            catch (MatrixApiException e)
            {
                return item with { Outcome = UnstickOutcome.Failed, Reason = e.Message };
            }
        }
    }

    private static async Task<UnstickItem> VerifyAsync(MatrixClient matrix, string roomId, UnstickItem item, CancellationToken ct)
    {
        var m = item.Membership;
        RoomEvent? current;
        try
        {
            current = await matrix.GetStateEventAsync(roomId, m.EventType, m.StateKey!, ct);
        }
        catch (MatrixApiException e)
        {
            return item with { Reason = $"{item.Reason}; not verified: {e.Message}" };
        }

        return current is not null && current.EventId != item.NewEventId && current.Content.Count > 0
            ? item with { Outcome = UnstickOutcome.Rejoined, Reason = $"its client wrote it again ({current.Sender}): the member is alive, not stuck" }
            : item;
    }

    // "@alice:hs" or "@alice:hs_DEVICE": the owner is everything before the first '_' after the server name's ':'.
    private static string OwnerOf(string stateKey)
    {
        var colon = stateKey.IndexOf(':', StringComparison.Ordinal);
        var underscore = colon < 0 ? -1 : stateKey.IndexOf('_', colon);
        return underscore < 0 ? stateKey : stateKey[..underscore];
    }

    private static string Ago(TimeSpan span) => span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";
}
