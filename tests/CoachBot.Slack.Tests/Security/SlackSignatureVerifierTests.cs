using System.Text;
using CoachBot.Slack.Security;
using CoachBot.Slack.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Slack.Tests.Security;

public class SlackSignatureVerifierTests
{
    // Slack's published example (api.slack.com "Verifying requests from Slack"), also used by python-slack-sdk's tests.
    private const string VectorSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string VectorTimestamp = "1531420618";
    private const string VectorBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
        "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string VectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private const string Secret = "test-signing-secret";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static SlackSignatureVerifier Verifier(string secret, DateTimeOffset now) => new(secret, new FakeTimeProvider(now));
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Accepts_the_published_test_vector()
    {
        var verifier = Verifier(VectorSecret, DateTimeOffset.FromUnixTimeSeconds(long.Parse(VectorTimestamp)));
        Assert.True(verifier.IsValid(VectorTimestamp, VectorSignature, Bytes(VectorBody)));
    }

    [Fact]
    public void Accepts_upper_case_hex_of_the_same_digest()
    {
        var verifier = Verifier(VectorSecret, DateTimeOffset.FromUnixTimeSeconds(long.Parse(VectorTimestamp)));
        Assert.True(verifier.IsValid(VectorTimestamp, "v0=" + VectorSignature[3..].ToUpperInvariant(), Bytes(VectorBody)));
    }

    [Fact]
    public void Accepts_a_request_signed_now()
    {
        var ts = Now.ToUnixTimeSeconds().ToString();
        const string body = """{"type":"event_callback"}""";
        Assert.True(Verifier(Secret, Now).IsValid(ts, SlackRequestSigner.Sign(Secret, ts, body), Bytes(body)));
    }

    [Fact]
    public void Accepts_multibyte_utf8_bodies()
    {
        var ts = Now.ToUnixTimeSeconds().ToString();
        const string body = "text=caf\u00e9 \u2014 \U0001F600";
        Assert.True(Verifier(Secret, Now).IsValid(ts, SlackRequestSigner.Sign(Secret, ts, body), Bytes(body)));
    }

    [Fact]
    public void Rejects_a_signature_made_with_another_secret()
    {
        var ts = Now.ToUnixTimeSeconds().ToString();
        Assert.False(Verifier(Secret, Now).IsValid(ts, SlackRequestSigner.Sign("other-secret", ts, "a=b"), Bytes("a=b")));
    }

    [Fact]
    public void Rejects_a_body_altered_after_signing()
    {
        var ts = Now.ToUnixTimeSeconds().ToString();
        var signature = SlackRequestSigner.Sign(Secret, ts, "text=hello");
        Assert.False(Verifier(Secret, Now).IsValid(ts, signature, Bytes("text=hellO")));
    }

    [Fact]
    public void Rejects_a_timestamp_changed_after_signing()
    {
        var ts = Now.ToUnixTimeSeconds();
        var signature = SlackRequestSigner.Sign(Secret, ts.ToString(), "a=b");
        Assert.False(Verifier(Secret, Now).IsValid((ts + 1).ToString(), signature, Bytes("a=b")));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void Rejects_timestamps_more_than_five_minutes_away(int offsetSeconds)
    {
        var ts = (Now.ToUnixTimeSeconds() + offsetSeconds).ToString();
        Assert.False(Verifier(Secret, Now).IsValid(ts, SlackRequestSigner.Sign(Secret, ts, "a=b"), Bytes("a=b")));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Accepts_timestamps_exactly_five_minutes_away(int offsetSeconds)
    {
        var ts = (Now.ToUnixTimeSeconds() + offsetSeconds).ToString();
        Assert.True(Verifier(Secret, Now).IsValid(ts, SlackRequestSigner.Sign(Secret, ts, "a=b"), Bytes("a=b")));
    }

    [Theory]
    [InlineData(null, "sig")]
    [InlineData("", "sig")]
    [InlineData("ts", null)]
    [InlineData("ts", "")]
    [InlineData("not-a-number", "sig")]
    [InlineData("-1700000000", "sig")]
    [InlineData(" 1700000000", "sig")]
    public void Rejects_missing_or_malformed_headers(string? timestamp, string? signature)
    {
        var validTs = Now.ToUnixTimeSeconds().ToString();
        var ts = timestamp == "ts" ? validTs : timestamp;
        var sig = signature == "sig" ? SlackRequestSigner.Sign(Secret, validTs, "a=b") : signature;
        Assert.False(Verifier(Secret, Now).IsValid(ts, sig, Bytes("a=b")));
    }

    [Theory]
    [InlineData("v1=")]
    [InlineData("")]
    [InlineData("v0:")]
    public void Rejects_other_signature_versions(string prefix)
    {
        var ts = Now.ToUnixTimeSeconds().ToString();
        var hex = SlackRequestSigner.Sign(Secret, ts, "a=b")[3..];
        Assert.False(Verifier(Secret, Now).IsValid(ts, prefix + hex, Bytes("a=b")));
    }

    [Theory]
    [InlineData("v0=")]
    [InlineData("v0=abc")]
    [InlineData("v0=zz14d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Rejects_malformed_digests(string signature)
    {
        var ts = Now.ToUnixTimeSeconds().ToString();
        Assert.False(Verifier(Secret, Now).IsValid(ts, signature, Bytes("a=b")));
    }

    [Fact]
    public void Rejects_a_truncated_or_extended_digest()
    {
        var ts = Now.ToUnixTimeSeconds().ToString();
        var signature = SlackRequestSigner.Sign(Secret, ts, "a=b");
        Assert.False(Verifier(Secret, Now).IsValid(ts, signature[..^2], Bytes("a=b")));
        Assert.False(Verifier(Secret, Now).IsValid(ts, signature + "00", Bytes("a=b")));
    }

    [Fact]
    public void One_verifier_checks_request_after_request_without_carrying_state_over()
    {
        // The verifier reuses its keyed HMAC objects: a rejected request must not change the next answer, and a
        // long body must not leave bytes behind for a shorter one.
        var verifier = Verifier(Secret, Now);
        var ts = Now.ToUnixTimeSeconds().ToString();
        var longBody = "text=" + new string('x', 10_000);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(verifier.IsValid(ts, SlackRequestSigner.Sign(Secret, ts, longBody), Bytes(longBody)));
            Assert.False(verifier.IsValid(ts, SlackRequestSigner.Sign("other-secret", ts, "a=b"), Bytes("a=b")));
            Assert.True(verifier.IsValid(ts, SlackRequestSigner.Sign(Secret, ts, "a=b"), Bytes("a=b")));
        }
    }

    [Fact]
    public void Concurrent_requests_each_get_their_own_answer()
    {
        var verifier = Verifier(Secret, Now);
        var ts = Now.ToUnixTimeSeconds().ToString();
        var requests = Enumerable.Range(0, 2_000).Select(i =>
        {
            var body = $"text=request+{i}&n={new string('n', i % 300)}";
            var signedBy = i % 3 == 0 ? "other-secret" : Secret;
            return (Body: Bytes(body), Signature: SlackRequestSigner.Sign(signedBy, ts, body), Valid: signedBy == Secret);
        }).ToList();

        var answers = new bool[requests.Count];
        Parallel.For(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => answers[i] = verifier.IsValid(ts, requests[i].Signature, requests[i].Body));

        Assert.Equal(requests.Select(r => r.Valid), answers);
    }
}
