using System.IO.Compression;
using System.Text.Json.Nodes;
using CoachBot.BotFramework.Packaging;
using NJsonSchema;

namespace CoachBot.Server.Tests.Packaging;

public sealed class TeamsAppPackageTests
{
    private const string AppId = "2f1a6c1e-8d4b-4c2a-9f57-0b6a3c9e1d42";

    private static async Task<JsonSchema> ManifestSchemaAsync() =>
        await JsonSchema.FromFileAsync(RepositoryFiles.Conformance("teams", "MicrosoftTeams.schema.v1.22.json"));

    private static ZipArchive Package(string appId = AppId) => new(new MemoryStream(TeamsAppPackage.Build(appId)), ZipArchiveMode.Read);

    [Fact]
    public async Task The_manifest_in_the_repository_is_valid_against_the_v1_22_schema()
    {
        var schema = await ManifestSchemaAsync();
        var errors = schema.Validate(await File.ReadAllTextAsync(RepositoryFiles.Path("manifests", "teams", "manifest.json")));
        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Fact]
    public async Task The_schema_check_catches_a_broken_manifest()
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Path("manifests", "teams", "manifest.json")))!;
        manifest["composeExtensions"]![0]!["commands"]![0]!["title"] = new string('t', 33);

        var error = Assert.Single((await ManifestSchemaAsync()).Validate(manifest.ToJsonString()));
        Assert.Contains("StringTooLong", error.ToString());
    }

    [Fact]
    public async Task The_manifest_version_is_the_schemas_own()
    {
        // NJsonSchema reads the schema as draft-04, which has no "const", so this one rule is checked here.
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Conformance("teams", "MicrosoftTeams.schema.v1.22.json")))!;
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Path("manifests", "teams", "manifest.json")))!;
        Assert.Equal((string?)schema["properties"]!["manifestVersion"]!["const"], (string?)manifest["manifestVersion"]);
    }

    [Fact]
    public async Task The_packaged_manifest_is_valid_and_names_the_bot_everywhere()
    {
        using var zip = Package();
        var text = await new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEndAsync();

        Assert.Empty((await ManifestSchemaAsync()).Validate(text).Select(e => $"{e.Path}: {e.Kind}"));
        var manifest = JsonNode.Parse(text)!;
        Assert.Equal(AppId, (string?)manifest["id"]);
        Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(AppId, (string?)manifest["composeExtensions"]![0]!["botId"]);
        Assert.DoesNotContain("00000000-0000-0000-0000-000000000000", text);
    }

    [Fact]
    public void The_zip_holds_the_manifest_and_both_icons_at_its_root()
    {
        using var zip = Package();
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public void The_icons_are_PNGs_of_the_sizes_Teams_requires_and_the_outline_is_white_on_transparent()
    {
        using var zip = Package();
        var color = Png.Read(zip.GetEntry("color.png")!.Open());
        var outline = Png.Read(zip.GetEntry("outline.png")!.Open());

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.All(color.Pixels(), p => Assert.Equal(255, p.A));
        var outlinePixels = outline.Pixels().ToList();
        Assert.Contains(outlinePixels, p => p.A == 0);
        Assert.Contains(outlinePixels, p => p.A == 255);
        Assert.All(outlinePixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void An_app_id_that_is_not_a_guid_is_refused_with_an_example(string appId)
    {
        var error = Assert.Throws<ArgumentException>(() => TeamsAppPackage.Build(appId));
        Assert.Contains("expected a GUID", error.Message);
    }

    [Fact]
    public void Write_creates_the_folder_and_the_zip()
    {
        var folder = Path.Combine(Path.GetTempPath(), "coachbot-package-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = Path.Combine(folder, "nested", "coachbot.zip");
            TeamsAppPackage.Write(AppId, output);
            using var zip = ZipFile.OpenRead(output);
            Assert.NotNull(zip.GetEntry("manifest.json"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }


    private static async Task<(JsonNode Manifest, string Text)> PackagedManifestAsync(string? baseUrl)
    {
        using var zip = new ZipArchive(new MemoryStream(TeamsAppPackage.Build(AppId, baseUrl: baseUrl)), ZipArchiveMode.Read);
        var text = await new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEndAsync();
        return (JsonNode.Parse(text)!, text);
    }

    [Theory]
    [InlineData("https://coachbot.contoso.com", "https://coachbot.contoso.com/coach", "coachbot.contoso.com")]
    [InlineData("https://contoso.com:8443/sales/", "https://contoso.com:8443/sales/coach", "contoso.com:8443")]
    public async Task The_base_url_points_every_tab_at_the_page_and_the_package_still_validates(string baseUrl, string page, string domain)
    {
        var (manifest, text) = await PackagedManifestAsync(baseUrl);

        Assert.Empty((await ManifestSchemaAsync()).Validate(text).Select(e => $"{e.Path}: {e.Kind}"));
        var phrases = manifest["staticTabs"]!.AsArray().Single(t => (string?)t!["entityId"] == "coachbot-phrases")!;
        Assert.Equal(page + "?host=teams", (string?)phrases["contentUrl"]);
        Assert.Equal(page, (string?)phrases["websiteUrl"]);
        Assert.Equal(["personal"], phrases["scopes"]!.AsArray().Select(s => (string?)s));
        var meeting = manifest["configurableTabs"]![0]!;
        Assert.Equal(page + "?host=teams", (string?)meeting["configurationUrl"]);
        Assert.Equal(["meetingSidePanel", "meetingChatTab", "meetingDetailsTab"],
            meeting["context"]!.AsArray().Select(c => (string?)c).Where(c => c!.StartsWith("meeting", StringComparison.Ordinal)));
        Assert.Equal([domain], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal(AppId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://{domain}/{AppId}", (string?)manifest["webApplicationInfo"]!["resource"]);
        Assert.DoesNotContain("coachbot.example/coach", text);
        Assert.DoesNotContain("00000000-0000-0000-0000-000000000000", text);
    }

    [Fact]
    public async Task Without_a_base_url_the_package_has_no_tabs_and_still_validates()
    {
        var (manifest, text) = await PackagedManifestAsync(null);

        Assert.Empty((await ManifestSchemaAsync()).Validate(text).Select(e => $"{e.Path}: {e.Kind}"));
        Assert.Null(manifest["staticTabs"]);
        Assert.Null(manifest["configurableTabs"]);
        Assert.Null(manifest["webApplicationInfo"]);
        Assert.DoesNotContain("coachbot.example/coach", text);
    }

    [Theory]
    [InlineData("http://coachbot.contoso.com")]
    [InlineData("coachbot.contoso.com")]
    [InlineData("https://coachbot.contoso.com/?x=1")]
    [InlineData("https://user@coachbot.contoso.com/")]
    public void A_base_url_that_is_not_a_public_https_address_is_refused(string baseUrl)
    {
        var error = Assert.Throws<ArgumentException>(() => TeamsAppPackage.Build(AppId, baseUrl: baseUrl));
        Assert.Contains(baseUrl, error.Message);
    }
}
