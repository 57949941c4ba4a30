namespace MatrixRtc.AuthService.Redis;

/// <summary>A Redis command failed: no connection, a timeout, a broken stream, or an error reply.</summary>
public class RedisException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The server answered with an error reply (e.g. WRONGPASS, NOAUTH, ERR unknown command).</summary>
public sealed class RedisErrorReplyException(string message) : RedisException(message);

/// <summary>The bytes from the server are not RESP2.</summary>
public sealed class RedisProtocolException(string message) : RedisException(message);
