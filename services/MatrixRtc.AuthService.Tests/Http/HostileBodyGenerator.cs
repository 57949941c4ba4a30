using System.Text;
using System.Text.Json.Nodes;

namespace MatrixRtc.AuthService.Tests.Http;

/// <summary>
/// Deterministic (seeded) malformed and hostile request bodies: random bytes, truncations, wrong
/// types, unknown members, deep nesting, huge and odd strings, invalid UTF-8, out-of-range numbers.
/// </summary>
public sealed class HostileBodyGenerator(int seed, string serverName)
{
    private static readonly string[] Fields = ["room_id", "slot_id", "openid_token", "member", "delay_id", "delay_timeout", "delay_cs_api_url", "room", "device_id"];
    private readonly Random random = new(seed);

    public byte[] Next() => random.Next(10) switch
    {
        0 => RandomBytes(),
        1 => Truncated(),
        2 => Encoding.UTF8.GetBytes(Mutated().ToJsonString()),
        3 => DeepNesting(),
        4 => InvalidUtf8(),
        5 => Encoding.UTF8.GetBytes(WithUnknownMember().ToJsonString()),
        6 => Encoding.UTF8.GetBytes(WithWeirdNumber()),
        7 => Encoding.UTF8.GetBytes(RandomJsonValue(0).ToJsonString()),
        _ => Encoding.UTF8.GetBytes(PlausibleButInvalid().ToJsonString()),
    };

    private JsonObject Valid() => new()
    {
        ["room_id"] = "!room:example.com",
        ["slot_id"] = "m.call#",
        ["openid_token"] = new JsonObject { ["access_token"] = "tok" + random.Next(), ["matrix_server_name"] = serverName },
        ["member"] = new JsonObject { ["id"] = "m", ["claimed_user_id"] = $"@u:{serverName}", ["claimed_device_id"] = "D" },
    };

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Truncated()
    {
        var json = Encoding.UTF8.GetBytes(Valid().ToJsonString());
        return json[..random.Next(0, json.Length - 1)];
    }

    private JsonObject Mutated()
    {
        var body = Valid();
        var target = random.Next(3) switch { 0 => body, 1 => body["member"]!.AsObject(), _ => body["openid_token"]!.AsObject() };
        var key = target.Select(p => p.Key).ElementAt(random.Next(target.Count));
        target[key] = RandomJsonValue(0);
        return body;
    }

    private byte[] DeepNesting()
    {
        var depth = random.Next(65, 5000);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        return Encoding.UTF8.GetBytes("{\"room_id\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}");
    }

    private byte[] InvalidUtf8()
    {
        var prefix = Encoding.UTF8.GetBytes("{\"room_id\":\"");
        return [.. prefix, 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8];
    }

    private JsonObject WithUnknownMember()
    {
        var body = Valid();
        var target = random.Next(3) switch { 0 => body, 1 => body["member"]!.AsObject(), _ => body["openid_token"]!.AsObject() };
        target["x_" + random.Next(1000)] = RandomJsonValue(1);
        return body;
    }

    private string WithWeirdNumber()
    {
        var numbers = new[] { "1e400", "-0", "1.0", "9223372036854775808", "-9223372036854775809", "0x10", "NaN", "Infinity", "01", "1e2" };
        return Valid().ToJsonString().TrimEnd('}') + ",\"delay_timeout\":" + numbers[random.Next(numbers.Length)] + ",\"delay_id\":\"d\"}";
    }

    private JsonObject PlausibleButInvalid()
    {
        var body = Valid();
        switch (random.Next(6))
        {
            case 0: body.Remove(Fields[random.Next(2)]); break;
            case 1: body["member"]!.AsObject().Remove("claimed_user_id"); break;
            case 2: body["openid_token"]!.AsObject()["matrix_server_name"] = ""; break;
            case 3: body["delay_id"] = "d"; break;
            case 4: body["openid_token"]!.AsObject()["matrix_server_name"] = RandomString(); break;
            default: body["room_id"] = new string('\u202e', random.Next(1, 50)) + "<script>&\u0000"; break;
        }

        return body;
    }

    private JsonNode RandomJsonValue(int depth) => random.Next(depth > 3 ? 5 : 7) switch
    {
        0 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        1 => JsonValue.Create(random.NextDouble() * 1e6),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => JsonValue.Create(RandomString()),
        4 => new JsonArray(),
        5 => new JsonArray(RandomJsonValue(depth + 1), RandomJsonValue(depth + 1)),
        _ => new JsonObject { [Fields[random.Next(Fields.Length)]] = RandomJsonValue(depth + 1) },
    };

    private string RandomString()
    {
        var length = random.Next(0, random.Next(10) == 0 ? 20_000 : 40);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0, 0xD7FF);
        }

        return new string(chars);
    }
}
