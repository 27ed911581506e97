using System.Text.Json;
using CoachBot.BotFramework.Schema;

namespace CoachBot.BotFramework.Teams;

/// <summary>Removes the bot's own @mention from message text, so "@CoachBot phrase expensive" reads "phrase expensive".</summary>
public static class Mentions
{
    public static string StripBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        if (activity.Entities is null || string.IsNullOrEmpty(botId)) return text.Trim();

        // Identity comes from the entities, never from the text: only mentions of this bot are removed.
        foreach (var entity in activity.Entities)
        {
            if (entity.ValueKind != JsonValueKind.Object || !IsString(entity, "type", "mention")) continue;
            if (!entity.TryGetProperty("mentioned", out var mentioned) || mentioned.ValueKind != JsonValueKind.Object) continue;
            if (!IsString(mentioned, "id", botId)) continue;

            var markup = entity.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : mentioned.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? $"<at>{n.GetString()}</at>" : null;
            if (!string.IsNullOrEmpty(markup)) text = text.Replace(markup, "", StringComparison.OrdinalIgnoreCase);
        }
        return text.Trim();
    }

    private static bool IsString(JsonElement obj, string property, string expected) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String &&
        string.Equals(value.GetString(), expected, StringComparison.Ordinal);
}
