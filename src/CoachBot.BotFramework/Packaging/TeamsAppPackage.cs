using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoachBot.BotFramework.Packaging;

/// <summary>
/// Builds the zip Teams accepts for upload: manifest.json with the bot's ids filled in, plus the two icons, all at
/// the root of the archive. The template (manifests/teams) is embedded in this assembly. With the server's public
/// base URL, the phrase finder page (/coach) becomes a personal tab and a configurable tab for meetings (side
/// panel, meeting chat and details), with the SSO resource its sign-in needs; without it the package has no tabs.
/// </summary>
public static class TeamsAppPackage
{
    public const string ManifestFileName = "manifest.json";
    private static readonly string[] Icons = ["color.png", "outline.png"];

    /// <summary>
    /// Writes the package for bot <paramref name="microsoftAppId"/> to <paramref name="outputPath"/> (created or
    /// replaced). The Teams app id defaults to the bot id. Throws <see cref="ArgumentException"/> for an id that
    /// is not a GUID.
    /// </summary>
    public static void Write(string microsoftAppId, string outputPath, string? teamsAppId = null, string? baseUrl = null)
    {
        var bytes = Build(microsoftAppId, teamsAppId, baseUrl);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllBytes(outputPath, bytes);
    }

    /// <summary>The package as bytes.</summary>
    public static byte[] Build(string microsoftAppId, string? teamsAppId = null, string? baseUrl = null)
    {
        var botId = NormalizeGuid(microsoftAppId, nameof(microsoftAppId));
        var appId = teamsAppId is null ? botId : NormalizeGuid(teamsAppId, nameof(teamsAppId));
        var baseUri = baseUrl is null ? null : NormalizeBaseUrl(baseUrl);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var manifest = zip.CreateEntry(ManifestFileName, CompressionLevel.Optimal);
            using (var stream = manifest.Open()) stream.Write(Manifest(botId, appId, baseUri));
            foreach (var icon in Icons)
            {
                var entry = zip.CreateEntry(icon, CompressionLevel.Optimal);
                using var target = entry.Open();
                using var source = Template(icon);
                source.CopyTo(target);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// manifest.json with <c>id</c> and every <c>botId</c> set, and the tabs pointed at <paramref name="baseUri"/>'s
    /// /coach (or left out when there is none: a tab needs a real https address).
    /// </summary>
    internal static byte[] Manifest(string botId, string appId, Uri? baseUri = null)
    {
        using var template = Template(ManifestFileName);
        var manifest = JsonNode.Parse(template)!.AsObject();
        manifest["id"] = appId;
        foreach (var section in new[] { "bots", "composeExtensions" })
        {
            if (manifest[section] is not JsonArray items) continue;
            foreach (var item in items.OfType<JsonObject>()) item["botId"] = botId;
        }

        if (baseUri is null)
        {
            foreach (var section in new[] { "staticTabs", "configurableTabs", "webApplicationInfo" }) manifest.Remove(section);
            manifest["validDomains"] = new JsonArray();
        }
        else
        {
            // The page tells teams-js apart from any browser by ?host=teams; websiteUrl opens it in a browser as is.
            var page = new Uri(baseUri, "coach").AbsoluteUri;
            var inTeams = page + "?host=teams";
            foreach (var tab in (manifest["staticTabs"] as JsonArray ?? []).OfType<JsonObject>().Where(t => t.ContainsKey("contentUrl")))
            {
                tab["contentUrl"] = inTeams;
                tab["websiteUrl"] = page;
            }
            foreach (var tab in (manifest["configurableTabs"] as JsonArray ?? []).OfType<JsonObject>()) tab["configurationUrl"] = inTeams;
            manifest["validDomains"] = new JsonArray(baseUri.Authority);
            // Teams SSO (getAuthToken) asks Entra ID for a token to this resource: the bot's app registration, exposed
            // as api://{host}/{app id}. The server's TabSignIn settings name the same app and URI.
            manifest["webApplicationInfo"] = new JsonObject { ["id"] = botId, ["resource"] = ApplicationIdUri(baseUri, botId) };
        }
        return JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The Application ID URI Teams SSO needs for a tab served from <paramref name="baseUri"/>.</summary>
    public static string ApplicationIdUri(Uri baseUri, string botId) => $"api://{baseUri.Authority}/{botId}";

    /// <summary>The server's public https address, ending in "/" so the page's path is relative to it.</summary>
    internal static Uri NormalizeBaseUrl(string value)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"'{value}' is not the server's public https address, e.g. https://coachbot.contoso.com.", "baseUrl");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw new ArgumentException($"'{value}': the base URL takes no query, fragment or user name.", "baseUrl");
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    internal static Stream Template(string fileName) =>
        typeof(TeamsAppPackage).Assembly.GetManifestResourceStream("TeamsApp/" + fileName)
        ?? throw new InvalidOperationException($"The Teams app template {fileName} is not embedded in this build.");

    private static string NormalizeGuid(string value, string parameter) =>
        Guid.TryParse(value?.Trim(), out var guid) && guid != Guid.Empty
            ? guid.ToString("D")
            : throw new ArgumentException($"'{value}' is not a Microsoft App ID: expected a GUID such as 2f1a6c1e-8d4b-4c2a-9f57-0b6a3c9e1d42.", parameter);
}
