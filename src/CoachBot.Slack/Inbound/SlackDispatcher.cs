using System.Text.Json.Nodes;
using CoachBot.Slack.Inbound.Payloads;
using Microsoft.Extensions.Logging;

namespace CoachBot.Slack.Inbound;

/// <summary>Handles one kind of Events API event; the dispatcher routes by the event's record type.</summary>
public interface ISlackEventHandler
{
    Type EventType { get; }
    /// <summary>Must return quickly: anything slow goes on the work queue.</summary>
    Task HandleAsync(EventCallback callback, CancellationToken cancellationToken);
}

/// <summary>Handles the events read as <typeparamref name="TEvent"/> ("message", "app_mention", "app_home_opened").</summary>
public interface ISlackEventHandler<TEvent> : ISlackEventHandler where TEvent : SlackEvent
{
    Type ISlackEventHandler.EventType => typeof(TEvent);
    Task ISlackEventHandler.HandleAsync(EventCallback callback, CancellationToken cancellationToken) =>
        HandleAsync(callback.Team, (TEvent)callback.Event, cancellationToken);

    /// <summary>Must return quickly: anything slow goes on the work queue.</summary>
    Task HandleAsync(string team, TEvent slackEvent, CancellationToken cancellationToken);
}

/// <summary>Handles one kind of interaction; the dispatcher routes by the payload's record type.</summary>
public interface ISlackInteractionHandler
{
    Type PayloadType { get; }
    /// <summary>The acknowledgement body (e.g. a view_submission response_action), or null for an empty 200.</summary>
    Task<SlackAck?> HandleAsync(Interaction interaction, CancellationToken cancellationToken);
}

/// <summary>Handles the interactions read as <typeparamref name="TPayload"/> (block_actions, view_submission, ...).</summary>
public interface ISlackInteractionHandler<TPayload> : ISlackInteractionHandler where TPayload : InteractionPayload
{
    Type ISlackInteractionHandler.PayloadType => typeof(TPayload);
    Task<SlackAck?> ISlackInteractionHandler.HandleAsync(Interaction interaction, CancellationToken cancellationToken) =>
        HandleAsync((TPayload)interaction.Payload, cancellationToken);

    /// <summary>The acknowledgement body, or null for an empty 200.</summary>
    Task<SlackAck?> HandleAsync(TPayload payload, CancellationToken cancellationToken);
}

/// <summary>Handles the slash command.</summary>
public interface ISlackSlashCommandHandler
{
    /// <summary>The immediate response message, or null when the answer follows through response_url.</summary>
    Task<SlackAck?> HandleAsync(SlashCommand command, CancellationToken cancellationToken);
}

/// <summary>
/// Routes a parsed request to its handler and returns the acknowledgement body. The same for HTTP (the body of the
/// 200) and Socket Mode (the ack's payload). Retried events are dropped here by event id.
/// </summary>
public sealed partial class SlackDispatcher
{
    private readonly ISlackSlashCommandHandler _slashCommands;
    private readonly Dictionary<Type, ISlackEventHandler> _events;
    private readonly Dictionary<Type, ISlackInteractionHandler> _interactions;
    private readonly EventDeduplicator _deduplicator;
    private readonly ILogger<SlackDispatcher> _logger;

    public SlackDispatcher(
        ISlackSlashCommandHandler slashCommands,
        IEnumerable<ISlackEventHandler> events,
        IEnumerable<ISlackInteractionHandler> interactions,
        EventDeduplicator deduplicator,
        ILogger<SlackDispatcher> logger)
    {
        _slashCommands = slashCommands;
        _events = events.ToDictionary(h => h.EventType);
        _interactions = interactions.ToDictionary(h => h.PayloadType);
        _deduplicator = deduplicator;
        _logger = logger;
    }

    public const string FailureText = "Something went wrong on my side. Please try again in a moment.";

    /// <summary>Never throws for a handler's failure: it is logged, and a slash command gets an apology.</summary>
    public async Task<SlackAck?> DispatchAsync(SlackInbound inbound, CancellationToken cancellationToken)
    {
        try
        {
            return await RouteAsync(inbound, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(ex, inbound.GetType().Name);
            return inbound is SlashCommand ? SlackAck.From(new JsonObject { ["response_type"] = "ephemeral", ["text"] = FailureText }) : null;
        }
    }

    private async Task<SlackAck?> RouteAsync(SlackInbound inbound, CancellationToken cancellationToken)
    {
        switch (inbound)
        {
            case UrlVerification verification:
                return SlackAck.From(new JsonObject { ["challenge"] = verification.Challenge });
            case SlashCommand command:
                return await _slashCommands.HandleAsync(command, cancellationToken);
            case EventCallback callback:
                if (!_deduplicator.TryRegister(callback.EventId))
                {
                    LogDuplicateEvent(callback.EventId);
                    return null;
                }
                if (_events.TryGetValue(callback.Event.GetType(), out var eventHandler)) await eventHandler.HandleAsync(callback, cancellationToken);
                return null;
            case Interaction interaction:
                return _interactions.TryGetValue(interaction.Payload.GetType(), out var interactionHandler)
                    ? await interactionHandler.HandleAsync(interaction, cancellationToken)
                    : null;
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack {Kind} handler failed")]
    private partial void LogHandlerFailed(Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a repeated delivery of Slack event {EventId}")]
    private partial void LogDuplicateEvent(string eventId);
}
