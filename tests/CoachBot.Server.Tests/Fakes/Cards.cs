using System.Text.Json.Nodes;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>Reading rendered Adaptive Cards the way a host shows them: texts and buttons.</summary>
public static class Cards
{
    /// <summary>Every "text" in the card (TextBlocks and TextRuns), in document order.</summary>
    public static IReadOnlyList<string> Texts(JsonNode? card)
    {
        var texts = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "text" && value is JsonValue v && v.TryGetValue<string>(out var s)) texts.Add(s);
                        else if (key != "actions") Walk(value);
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array) Walk(item);
                    break;
            }
        }
        Walk(card);
        return texts;
    }

    /// <summary>The card's buttons that reach the bot (an Action.ShowCard has no data and unfolds in place): type, title and data.</summary>
    public static IReadOnlyList<(string Type, string Title, JsonObject Data)> Buttons(JsonNode? card) =>
        (card?["actions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => a["data"] is JsonObject)
            .Select(a => ((string)a["type"]!, (string)a["title"]!, (JsonObject)a["data"]!))
            .ToList();

    /// <summary>The data of the button whose data has <paramref name="key"/> = <paramref name="value"/>.</summary>
    public static JsonObject ButtonData(JsonNode? card, string key, string value) =>
        (JsonObject)Buttons(card).Single(b => (string?)b.Data[key] == value).Data.DeepClone();
}
