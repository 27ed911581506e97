using System.Text.Json.Serialization;

namespace CoachBot.Slack.Inbound.Payloads;

/// <summary>
/// Slack's inbound wire format, source-generated: snake_case names, and every field CoachBot does not model is
/// skipped, so new fields Slack adds never break a request. The "type" discriminators may come anywhere in an object
/// (Slack puts client_msg_id or token first), hence out-of-order metadata.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(SlackTypeTags))]
[JsonSerializable(typeof(EventsApiBody))]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(SlashCommand))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
