using System.Text;
using CoachBot.Core;
using CoachBot.Core.Playbook;

namespace CoachBot.Slack.Tests.BlockKit;

/// <summary>
/// Every payload in <see cref="SlackPayloadCatalog"/> stays within Slack's limits, and is written out as a TypeScript
/// file typed with @slack/types (KnownBlock[], ModalView, HomeView, PlainTextOption[]) for e2e/slack-types/run.sh to type-check with
/// tsc --strict. The files go to $COACHBOT_SLACK_PAYLOADS_DIR when set (run.sh sets it), else to a temp folder.
/// </summary>
public class SlackPayloadCatalogTests
{
    private static readonly IReadOnlyList<CatalogPayload> Catalog =
        SlackPayloadCatalog.Build(TestCoach.Create());

    [Fact]
    public void The_catalogue_covers_messages_the_modal_and_the_home_tab()
    {
        Assert.Contains(Catalog, p => p.Surface == SlackSurface.Modal);
        Assert.Contains(Catalog, p => p.Surface == SlackSurface.Home);
        Assert.Contains(Catalog, p => p.Surface == SlackSurface.Options);
        Assert.Contains(Catalog, p => p.Name.EndsWith("-finder-modal-message"));
        Assert.Contains(Catalog, p => p.Name.EndsWith("-summary"));
        Assert.Contains(Catalog, p => p.Name.EndsWith("-answered"));
        Assert.True(Catalog.Count(p => p.Surface == SlackSurface.Message) >= 30, $"only {Catalog.Count} payloads");
    }

    [Fact]
    public void Every_payload_is_within_slacks_limits()
    {
        var problems = Catalog
            .SelectMany(p => (p.Surface switch
                {
                    SlackSurface.Message => SlackPayloadLimits.CheckMessage(p.Json),
                    SlackSurface.Options => SlackPayloadLimits.CheckOptions(p.Json),
                    _ => SlackPayloadLimits.CheckView(p.Json),
                })
                .Select(problem => $"{p.Name}: {problem}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_payload_is_written_as_a_typed_typescript_module()
    {
        var folder = Environment.GetEnvironmentVariable("COACHBOT_SLACK_PAYLOADS_DIR") is { Length: > 0 } configured
            ? configured
            : Directory.CreateTempSubdirectory("slack-payloads-").FullName;
        Directory.CreateDirectory(folder);

        foreach (var payload in Catalog) File.WriteAllText(Path.Combine(folder, payload.Name + ".ts"), TypeScript(payload), new UTF8Encoding(false));

        Assert.Equal(Catalog.Count, Directory.GetFiles(folder, "*.ts").Length);
    }

    /// <summary>The payload as a TypeScript literal; JSON is valid TypeScript, so the literal is the payload as sent.</summary>
    public static string TypeScript(CatalogPayload payload) => payload.Surface switch
    {
        SlackSurface.Message =>
            "import type { KnownBlock } from '@slack/types';\n" +
            $"export const text: string = {payload.Json["text"]!.ToJsonString()};\n" +
            $"export const blocks: KnownBlock[] = {payload.Json["blocks"]!.ToJsonString()};\n",
        SlackSurface.Modal => $"import type {{ ModalView }} from '@slack/types';\nexport const view: ModalView = {payload.Json.ToJsonString()};\n",
        SlackSurface.Home => $"import type {{ HomeView }} from '@slack/types';\nexport const view: HomeView = {payload.Json.ToJsonString()};\n",
        // A block_suggestion answer: @slack/types has no type for the envelope, so its options are typed one by one.
        SlackSurface.Options =>
            "import type { PlainTextOption } from '@slack/types';\n" +
            $"export const options: PlainTextOption[] = {payload.Json["options"]!.ToJsonString()};\n",
        _ => throw new ArgumentOutOfRangeException(nameof(payload)),
    };
}
