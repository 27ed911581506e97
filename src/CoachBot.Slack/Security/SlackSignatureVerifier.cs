using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.ObjectPool;

namespace CoachBot.Slack.Security;

/// <summary>
/// Checks Slack's v0 request signature: HMAC-SHA256, keyed with the signing secret as UTF-8, over
/// "v0:{timestamp}:" followed by the raw body bytes, compared in constant time. Requests whose timestamp is more
/// than five minutes away from now, in either direction, are refused so a captured request cannot be replayed.
/// </summary>
public sealed class SlackSignatureVerifier
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private static ReadOnlySpan<byte> BaseStringPrefix => "v0:"u8;
    private const int DigestLength = 32;
    private readonly ObjectPool<HMACSHA256> _hmacs;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(string signingSecret, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        _hmacs = new DefaultObjectPool<HMACSHA256>(new KeyedHmacPolicy(Encoding.UTF8.GetBytes(signingSecret)));
        _time = time;
    }

    public bool IsValid(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return false;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        var age = _time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > Tolerance.TotalSeconds) return false;

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal)) return false;
        var hex = signature.AsSpan(Version.Length + 1);
        if (hex.Length != DigestLength * 2) return false;
        Span<byte> presented = stackalloc byte[DigestLength];
        if (Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != DigestLength)
            return false;

        Span<byte> expected = stackalloc byte[DigestLength];
        Compute(timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    // Every request's path: keyed HMAC objects are pooled (setting up the key per request costs more than twice
    // the hash itself), and the base string is hashed in one call from a pooled copy.
    private void Compute(string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // The timestamp has been checked to be digits only, so its UTF-8 length is its length.
        var prefixLength = BaseStringPrefix.Length + timestamp.Length + 1;
        var rented = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        var hmac = _hmacs.Get();
        try
        {
            var baseString = rented.AsSpan(0, prefixLength + body.Length);
            BaseStringPrefix.CopyTo(baseString);
            var written = BaseStringPrefix.Length + Encoding.UTF8.GetBytes(timestamp, baseString[BaseStringPrefix.Length..]);
            baseString[written++] = (byte)':';
            body.CopyTo(baseString[written..]);
            // TryComputeHash leaves the object reset for the next request.
            hmac.TryComputeHash(baseString, destination, out _);
        }
        finally
        {
            _hmacs.Return(hmac);
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private sealed class KeyedHmacPolicy(byte[] key) : PooledObjectPolicy<HMACSHA256>
    {
        public override HMACSHA256 Create() => new(key);

        public override bool Return(HMACSHA256 hmac) => true;
    }
}
