using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoachBot.BotFramework.Packaging;

/// <summary>
/// Builds the zip Teams accepts for upload: manifest.json with the bot's ids filled in, plus the two icons, all at
/// the root of the archive. The template (manifests/teams) is embedded in this assembly.
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
    public static void Write(string microsoftAppId, string outputPath, string? teamsAppId = null)
    {
        var bytes = Build(microsoftAppId, teamsAppId);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllBytes(outputPath, bytes);
    }

    /// <summary>The package as bytes.</summary>
    public static byte[] Build(string microsoftAppId, string? teamsAppId = null)
    {
        var botId = NormalizeGuid(microsoftAppId, nameof(microsoftAppId));
        var appId = teamsAppId is null ? botId : NormalizeGuid(teamsAppId, nameof(teamsAppId));

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var manifest = zip.CreateEntry(ManifestFileName, CompressionLevel.Optimal);
            using (var stream = manifest.Open()) stream.Write(Manifest(botId, appId));
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

    /// <summary>manifest.json with <c>id</c> and every <c>botId</c> set.</summary>
    internal static byte[] Manifest(string botId, string appId)
    {
        using var template = Template(ManifestFileName);
        var manifest = JsonNode.Parse(template)!.AsObject();
        manifest["id"] = appId;
        foreach (var section in new[] { "bots", "composeExtensions" })
        {
            if (manifest[section] is not JsonArray items) continue;
            foreach (var item in items.OfType<JsonObject>()) item["botId"] = botId;
        }
        return JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true });
    }

    internal static Stream Template(string fileName) =>
        typeof(TeamsAppPackage).Assembly.GetManifestResourceStream("TeamsApp/" + fileName)
        ?? throw new InvalidOperationException($"The Teams app template {fileName} is not embedded in this build.");

    private static string NormalizeGuid(string value, string parameter) =>
        Guid.TryParse(value?.Trim(), out var guid) && guid != Guid.Empty
            ? guid.ToString("D")
            : throw new ArgumentException($"'{value}' is not a Microsoft App ID: expected a GUID such as 2f1a6c1e-8d4b-4c2a-9f57-0b6a3c9e1d42.", parameter);
}
