using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
    private const int DigestLength = 32;
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(string signingSecret, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        _key = Encoding.UTF8.GetBytes(signingSecret);
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

    // One-shot HMAC over a pooled copy of the base string: creating an HMAC object per request costs more than
    // the copy (it is on every request's path).
    private void Compute(string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefixLength = Version.Length + 2 + Encoding.UTF8.GetByteCount(timestamp);
        var rented = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            var baseString = rented.AsSpan(0, prefixLength + body.Length);
            var written = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:", baseString);
            body.CopyTo(baseString[written..]);
            HMACSHA256.HashData(_key, baseString, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
