using System.Text.Json.Nodes;

namespace CoachBot.BotFramework;

/// <summary>The answer to an invoke activity: written as the HTTP response to the POST that delivered it.</summary>
public sealed record InvokeResponse(int Status, JsonNode? Body = null)
{
    public static readonly InvokeResponse NotImplemented = new(501);
}
