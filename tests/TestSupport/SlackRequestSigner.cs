using System.Security.Cryptography;
using System.Text;

namespace CoachBot.TestSupport;

/// <summary>Signs requests the way Slack does, written independently of the production verifier.</summary>
public static class SlackRequestSigner
{
    public static string Sign(string secret, string timestamp, string body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var digest = hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexStringLower(digest);
    }
}
