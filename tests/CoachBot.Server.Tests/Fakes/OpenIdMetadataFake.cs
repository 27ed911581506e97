using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>
/// An OpenID metadata document and JWKS on loopback, shaped like login.botframework.com's: each key may carry an
/// "endorsements" list of channel ids. Keys are RSA keys generated for the test run.
/// </summary>
public sealed class OpenIdMetadataFake : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private readonly Lock _gate = new();
    private readonly List<(RsaSecurityKey Key, string[]? Endorsements)> _published = [];

    private OpenIdMetadataFake(LoopbackHost host, string issuer)
    {
        _host = host;
        Issuer = issuer;
    }

    public string Issuer { get; }
    public string MetadataUrl => _host.BaseUrl + "/v1/.well-known/openidconfiguration";
    public int KeySetRequests { get; private set; }
    /// <summary>Requests for the metadata document, answered or not.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);
    /// <summary>False: the metadata and the keys answer 500, as during an outage (500 rather than 503, which the library's retriever tries twice).</summary>
    public bool Available { get; set; } = true;
    private int _metadataRequests;

    public static async Task<OpenIdMetadataFake> StartAsync(string issuer)
    {
        OpenIdMetadataFake? fake = null;
        var host = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext context) =>
            {
                Interlocked.Increment(ref fake!._metadataRequests);
                if (!fake.Available) return Results.StatusCode(StatusCodes.Status500InternalServerError);
                return Results.Json(new JsonObject
                {
                    ["issuer"] = fake.Issuer,
                    ["jwks_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/v1/.well-known/keys",
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                });
            });
            app.MapGet("/v1/.well-known/keys", () => fake!.Available ? Results.Json(fake.KeySet()) : Results.StatusCode(StatusCodes.Status500InternalServerError));
        });
        fake = new OpenIdMetadataFake(host, issuer);
        return fake;
    }

    /// <summary>A new RSA key published with <paramref name="endorsements"/> (null = no endorsements entry at all).</summary>
    public RsaSecurityKey Publish(string kid, params string[]? endorsements)
    {
        var key = NewKey(kid);
        lock (_gate) _published.Add((key, endorsements));
        return key;
    }

    /// <summary>A key that is not in the published set.</summary>
    public static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private JsonObject KeySet()
    {
        lock (_gate)
        {
            KeySetRequests++;
            var keys = new JsonArray();
            foreach (var (key, endorsements) in _published)
            {
                var parameters = key.Rsa.ExportParameters(false);
                var jwk = new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                };
                if (endorsements is not null) jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e).ToArray());
                keys.Add(jwk);
            }
            return new JsonObject { ["keys"] = keys };
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
