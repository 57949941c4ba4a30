namespace MatrixRtc.AuthService.Redis;

/// <summary>One RESP2 reply: a simple string, an error, an integer, a bulk string (or null), or an array.</summary>
public sealed record RedisReply(RedisReplyKind Kind, string? Text = null, long Integer = 0, IReadOnlyList<RedisReply>? Items = null)
{
    public static readonly RedisReply Null = new(RedisReplyKind.Null);
}

public enum RedisReplyKind
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Null,
}
