using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace CoachBot.Server.CoachPage;

/// <summary>
/// The phrase finder page's files (CoachPage/Assets, embedded in this assembly at build time, so `dotnet run` and a
/// published server serve the same bytes whatever the environment or content root). Read once; each has a strong
/// ETag, and browsers revalidate (no-cache) so a new build is picked up at once while an unchanged file costs a 304.
/// </summary>
public sealed class PageAssets
{
    private const string ResourcePrefix = "CoachPage/";
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, Asset> _assets;

    public PageAssets()
    {
        var assembly = typeof(PageAssets).Assembly;
        _assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[ResourcePrefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                var type = ContentTypes.GetValueOrDefault(Path.GetExtension(n), "application/octet-stream");
                return new Asset(bytes, type, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\""));
            }, StringComparer.Ordinal);
    }

    /// <summary>The file's names, relative to the page ("coach.js", "vendor/teams-js.min.js").</summary>
    public IEnumerable<string> Names => _assets.Keys;

    public IResult Serve(string name, HttpContext context)
    {
        if (!_assets.TryGetValue(name, out var asset)) return Results.NotFound();
        var headers = context.Response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        headers.ETag = asset.ETag;
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(asset.ETag, useStrongComparison: false))) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, EntityTagHeaderValue ETag);
}
