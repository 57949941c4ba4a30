using System.Text.Json.Serialization;

namespace MatrixRtc.AuthService.Http;

/// <summary>The <c>openid_token</c> object a client got from its homeserver.</summary>
public sealed record OpenIdTokenBody
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("token_type")] public string? TokenType { get; init; }
    [JsonPropertyName("matrix_server_name")] public string? MatrixServerName { get; init; }
    [JsonPropertyName("expires_in")] public long? ExpiresIn { get; init; }
}

/// <summary>The MatrixRTC membership the token is for.</summary>
public sealed record MemberBody
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("claimed_user_id")] public string? ClaimedUserId { get; init; }
    [JsonPropertyName("claimed_device_id")] public string? ClaimedDeviceId { get; init; }
}

/// <summary>Body of POST /get_token and POST /delegate_delayed_leave (MSC4195).</summary>
public sealed record GetTokenRequest
{
    [JsonPropertyName("room_id")] public string? RoomId { get; init; }
    [JsonPropertyName("slot_id")] public string? SlotId { get; init; }
    [JsonPropertyName("openid_token")] public OpenIdTokenBody? OpenIdToken { get; init; }
    [JsonPropertyName("member")] public MemberBody? Member { get; init; }
    [JsonPropertyName("delay_id")] public string? DelayId { get; init; }

    /// <summary>Milliseconds.</summary>
    [JsonPropertyName("delay_timeout")] public long? DelayTimeout { get; init; }

    /// <summary>Deprecated: accepted and ignored; the CS-API URL is discovered from the server name.</summary>
    [JsonPropertyName("delay_cs_api_url")] public string? DelayCsApiUrl { get; init; }
}

/// <summary>Body of the legacy POST /sfu/get.</summary>
public sealed record SfuGetRequest
{
    [JsonPropertyName("room")] public string? Room { get; init; }
    [JsonPropertyName("openid_token")] public OpenIdTokenBody? OpenIdToken { get; init; }
    [JsonPropertyName("device_id")] public string? DeviceId { get; init; }
    [JsonPropertyName("delay_id")] public string? DelayId { get; init; }
    [JsonPropertyName("delay_timeout")] public long? DelayTimeout { get; init; }
    [JsonPropertyName("delay_cs_api_url")] public string? DelayCsApiUrl { get; init; }
}

/// <summary>200 answer of the token endpoints.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("jwt")] string Jwt);
