using System.Text.Json.Serialization;

namespace MatrixRtc.AuthService.Http;

/// <summary>Compact error bodies: <c>{"errcode":…,"error":…}</c>.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ErrorJsonContext : JsonSerializerContext;
