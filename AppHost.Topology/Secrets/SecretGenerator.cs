using System.Security.Cryptography;

namespace MatrixRtcLab.Topology.Secrets;

/// <summary>Cryptographically random values in the shapes the lab's services accept.</summary>
public sealed class SecretGenerator(TimeProvider time)
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string AlphanumericString(int length) => RandomNumberGenerator.GetString(Alphanumeric, length);

    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    public static string UnpaddedBase64(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=');

    /// <summary>A ULID (48-bit millisecond timestamp + 80 random bits), Crockford base32, upper case.</summary>
    public string Ulid()
    {
        var value = new UInt128(0, 0);
        var milliseconds = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF;
        var random = RandomNumberGenerator.GetBytes(10);
        value = (UInt128)milliseconds << 80;
        for (var i = 0; i < random.Length; i++)
        {
            value |= (UInt128)random[i] << (8 * (9 - i));
        }

        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Crockford[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    public static string RsaPrivateKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    public static string EcP256PrivateKeyPem()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    }
}
