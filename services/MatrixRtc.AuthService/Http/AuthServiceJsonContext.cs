using System.Text.Json.Serialization;

namespace MatrixRtc.AuthService.Http;

/// <summary>
/// Request decoding as lk-jwt-service's Go decoder does it: names matched case-insensitively,
/// unknown members rejected at every level, integers only for integer fields.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(GetTokenRequest))]
[JsonSerializable(typeof(SfuGetRequest))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class AuthServiceJsonContext : JsonSerializerContext;
