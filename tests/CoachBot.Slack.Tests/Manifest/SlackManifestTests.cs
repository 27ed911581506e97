using System.Text.Json.Nodes;
using CoachBot.Slack.Tests.Fakes;
using CoachBot.Slack.Views;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.References;

namespace CoachBot.Slack.Tests.Manifest;

/// <summary>The Slack app manifest against Slack's published manifest JSON Schema (local copy in tests/conformance/slack).</summary>
public class SlackManifestTests
{
    private const string UpstreamSchemaPrefix = "https://raw.githubusercontent.com/slackapi/manifest-schema/";

    /// <summary>Resolves the router schema's GitHub $refs to the local copies in schemas/.</summary>
    private sealed class LocalSchemaResolver(JsonSchemaAppender appender, string schemasFolder) : JsonReferenceResolver(appender)
    {
        public override async Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default)
        {
            if (!url.StartsWith(UpstreamSchemaPrefix, StringComparison.Ordinal))
                throw new InvalidOperationException($"Unexpected schema reference {url}: this test never goes to the network.");
            var file = Path.Combine(schemasFolder, url[(url.LastIndexOf('/') + 1)..]);
            return await JsonSchema.FromFileAsync(file, cancellationToken);
        }
    }

    /// <summary>
    /// The router schema, which picks the versioned schema by _metadata.major_version. NJsonSchema ignores the
    /// draft-06 keyword "const", so each {"const": v} is rewritten to its exact equivalent {"enum": [v]}; without
    /// that every branch would match and the oneOf would always fail.
    /// </summary>
    private static Task<JsonSchema> LoadRouterSchemaAsync()
    {
        var folder = RepositoryPaths.SlackConformance;
        var path = Path.Combine(folder, "manifest.schema.json");
        var router = JsonNode.Parse(File.ReadAllText(path))!;
        ReplaceConstWithEnum(router);
        return JsonSchema.FromJsonAsync(
            router.ToJsonString(), path,
            schema => new LocalSchemaResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()), Path.Combine(folder, "schemas")));
    }

    private static void ReplaceConstWithEnum(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is { } value)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(value.DeepClone());
                }
                foreach (var (_, child) in obj.ToList()) ReplaceConstWithEnum(child);
                break;
            case JsonArray array:
                foreach (var child in array) ReplaceConstWithEnum(child);
                break;
        }
    }

    private static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(RepositoryPaths.SlackManifest))!.AsObject();

    [Fact]
    public async Task The_manifest_validates_against_slacks_manifest_schema()
    {
        var schema = await LoadRouterSchemaAsync();
        var errors = schema.Validate(Manifest().ToJsonString());
        Assert.True(errors.Count == 0, Describe(errors));
    }

    private static string Describe(IEnumerable<NJsonSchema.Validation.ValidationError> errors, string indent = "") =>
        string.Join("\n", errors.Select(e => $"{indent}{e.Path}: {e.Kind}" + (e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? "\n" + string.Join("\n", child.Errors.Select(c => $"{indent}  branch:\n" + Describe(c.Value, indent + "    ")))
            : "")));

    [Fact]
    public async Task The_schema_check_accepts_slacks_own_valid_sample()
    {
        var sample = File.ReadAllText(Path.Combine(RepositoryPaths.SlackConformance, "tests", "manifests", "v2", "manifest.valid.json"));
        var schema = await LoadRouterSchemaAsync();
        var errors = schema.Validate(sample);
        Assert.True(errors.Count == 0, Describe(errors));
    }

    [Fact]
    public async Task The_schema_check_rejects_an_over_long_app_name()
    {
        var manifest = Manifest();
        manifest["display_information"]!["name"] = new string('C', 40);
        var schema = await LoadRouterSchemaAsync();
        Assert.NotEmpty(schema.Validate(manifest.ToJsonString()));
    }

    [Fact]
    public async Task The_schema_check_rejects_an_unknown_major_version()
    {
        var manifest = Manifest();
        manifest["_metadata"]!["major_version"] = 7;
        var schema = await LoadRouterSchemaAsync();
        Assert.NotEmpty(schema.Validate(manifest.ToJsonString()));
    }

    [Fact]
    public void The_manifest_declares_what_the_bot_uses()
    {
        var manifest = Manifest();
        var scopes = manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "commands", "chat:write", "app_mentions:read", "im:history", "im:write" }, scopes);

        var events = manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "app_mention", "message.im", "app_home_opened" }, events);

        var command = manifest["features"]!["slash_commands"]![0]!;
        Assert.Equal(new SlackOptions().CommandName, command["command"]!.GetValue<string>());
        Assert.True(manifest["features"]!["app_home"]!["home_tab_enabled"]!.GetValue<bool>());
        Assert.False(manifest["features"]!["app_home"]!["messages_tab_read_only_enabled"]!.GetValue<bool>());
        Assert.True(manifest["settings"]!["interactivity"]!["is_enabled"]!.GetValue<bool>());

        // One request URL for events, commands and interactivity, at the path MapSlack serves.
        var urls = new[]
        {
            command["url"]!.GetValue<string>(),
            manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>(),
            manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>(),
            manifest["settings"]!["interactivity"]!["message_menu_options_url"]!.GetValue<string>(),
        };
        Assert.All(urls, url => Assert.Equal(SlackEndpointRouteBuilderExtensions.EventsPath, new Uri(url).AbsolutePath));
        Assert.Single(urls.Distinct());
    }

    [Fact]
    public void The_manifest_declares_the_phrase_finder_shortcuts_the_bot_answers()
    {
        var shortcuts = Manifest()["features"]!["shortcuts"]!.AsArray()
            .Select(s => (Type: s!["type"]!.GetValue<string>(), CallbackId: s["callback_id"]!.GetValue<string>()))
            .ToHashSet();
        Assert.Equal(new HashSet<(string, string)> { ("global", FindPhraseModal.GlobalShortcutId), ("message", FindPhraseModal.MessageShortcutId) }, shortcuts);
    }
}
