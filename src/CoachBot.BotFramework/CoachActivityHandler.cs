using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.BotFramework.Authentication;
using CoachBot.BotFramework.Connector;
using CoachBot.BotFramework.Hosting;
using CoachBot.BotFramework.Rendering;
using CoachBot.BotFramework.Schema;
using CoachBot.BotFramework.Teams;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Hosting;
using CoachBot.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachBot.BotFramework;

/// <summary>
/// The Bot Framework side of a turn: translates an authenticated activity into an <see cref="Utterance"/>, runs the
/// coach through the state store, and sends the replies to the activity's serviceUrl (or, for invokes, returns
/// them as the HTTP answer). Welcome cards on install, Teams channel references, phrase search from the compose
/// box and in-place card refreshes live here too.
/// </summary>
public sealed partial class CoachActivityHandler(
    Coach coach,
    ConversationTurnRunner runner,
    ConnectorClient connector,
    ReplyActivities activities,
    PhraseSearch phraseSearch,
    DealChannels dealChannels,
    IOptions<BotFrameworkOptions> options,
    [FromKeyedServices(BotFrameworkServiceCollectionExtensions.TenantAllowListKey)] OrganizationAllowList tenants,
    TimeProvider time,
    ILogger<CoachActivityHandler> logger)
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    private readonly BotFrameworkOptions _options = options.Value;

    /// <summary>
    /// Handles one activity, authenticated by <paramref name="authenticatedBy"/>. Returns the invoke answer for
    /// invokes, null for everything else (HTTP 200).
    /// </summary>
    public async Task<InvokeResponse?> HandleAsync(Activity activity, AuthenticationPath authenticatedBy, CancellationToken cancellationToken)
    {
        var teams = activity.ChannelId == Channels.Teams ? TeamsChannelData.From(activity) : null;
        if (!IsTenantAllowed(activity, teams)) return await RefuseTenantAsync(activity, cancellationToken);
        // An Emulator token vouches for no channel and no serviceUrl: its activities are answered, but the stored
        // channel references (where deal summaries go, with the bot's token) are neither added, changed nor removed.
        var channels = authenticatedBy == AuthenticationPath.Emulator ? null : teams;

        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await RememberChannelAsync(activity, channels, cancellationToken);
                await OnMessageAsync(activity, cancellationToken);
                return null;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateAsync(activity, teams, channels, cancellationToken);
                return null;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateAsync(activity, channels, cancellationToken);
                return null;
            case ActivityTypes.Invoke:
                return await OnInvokeAsync(activity, cancellationToken);
            default:
                // typing, messageReaction, event, ...: nothing to do, and unknown types must be tolerated.
                return null;
        }
    }

    // ---- Messages ---------------------------------------------------------------------------------------------

    private async Task OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        var utterance = ToUtterance(activity);
        if (utterance is null)
        {
            await SendAsync(ReplyActivities.ReplyTo(activity, new Activity
            {
                Type = ActivityTypes.Message,
                Text = "I can only read text and card buttons. Say \u201chelp\u201d to see what I can do.",
            }), cancellationToken);
            return;
        }

        var result = await RunTurnAsync(activity, utterance, cancellationToken);
        foreach (var reply in await ToActivitiesAsync(result.Replies, utterance, activity, cancellationToken))
            await SendAsync(reply, cancellationToken);
    }

    /// <summary>Card button data when there is any, otherwise the text without the bot's @mention; null when neither.</summary>
    internal static Utterance? ToUtterance(Activity activity)
    {
        if (ActionData(activity.Value) is { Count: > 0 } data) return Utterance.FromAction(CardCommand.Parse(data));
        var text = Mentions.StripBotMention(activity);
        return text.Length == 0 ? null : Utterance.FromText(text);
    }

    /// <summary>
    /// Action.Submit / Action.Execute data as flat strings (card data and input values), the wire form of a
    /// <see cref="CardCommand"/>. Nested objects, such as Teams' "msteams" routing hints, are not coach data and are skipped.
    /// </summary>
    internal static Dictionary<string, string>? ActionData(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String: result[property.Name] = property.Value.GetString()!; break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False: result[property.Name] = property.Value.GetRawText(); break;
            }
        }
        return result;
    }

    /// <summary>Runs the turn; when it takes longer than a moment the user sees a typing indicator meanwhile.</summary>
    private async Task<TurnResult> RunTurnAsync(Activity activity, Utterance utterance, CancellationToken cancellationToken)
    {
        var turn = runner.RunAsync(KeyOf(activity), utterance, cancellationToken);
        if (!turn.IsCompleted)
        {
            using var stopTyping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var moment = Task.Delay(_options.TypingDelay, time, stopTyping.Token);
            if (await Task.WhenAny(turn, moment) == moment && !moment.IsCanceled)
                await SendAsync(ReplyActivities.ReplyTo(activity, new Activity { Type = ActivityTypes.Typing }), cancellationToken);
            await stopTyping.CancelAsync();
        }
        return await turn;
    }

    private async Task<List<Activity>> ToActivitiesAsync(IReadOnlyList<Reply> replies, Utterance utterance, Activity activity, CancellationToken cancellationToken)
    {
        var outbound = new List<Activity>(replies.Count);
        foreach (var reply in replies)
        {
            if (reply is PostToDealChannel post) outbound.AddRange(await dealChannels.HandleAsync(post, utterance, activity, cancellationToken));
            else outbound.Add(activities.ToActivity(reply, activity));
        }
        return outbound;
    }

    /// <summary>
    /// One conversation's state key. In a Teams channel every thread is its own conversation (its id carries
    /// ";messageid="), so two sellers qualifying in two threads do not share a dialog.
    /// </summary>
    internal static ConversationKey KeyOf(Activity activity) =>
        new($"{(activity.ChannelId == Channels.Teams ? "teams" : activity.ChannelId)}:{activity.Conversation!.Id}");

    // ---- Install and membership events --------------------------------------------------------------------------

    /// <summary><paramref name="channels"/>: the Teams data when it may change stored channel references, else null.</summary>
    private async Task OnConversationUpdateAsync(Activity activity, TeamsChannelData? teams, TeamsChannelData? channels, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        var botAdded = botId is not null && activity.MembersAdded?.Any(m => m.Id == botId) == true;
        var botRemoved = botId is not null && activity.MembersRemoved?.Any(m => m.Id == botId) == true;
        var tenant = TeamsChannelData.TenantOf(activity, teams);

        switch (teams?.EventType)
        {
            case "teamDeleted" or "teamHardDeleted" when tenant is not null && channels?.Team?.Id is { } deletedTeam:
                await dealChannels.ForgetTeamAsync(tenant, deletedTeam, cancellationToken);
                return;
            case "channelDeleted" when tenant is not null && channels?.Channel?.Id is { } deletedChannel:
                await dealChannels.ForgetChannelAsync(tenant, deletedChannel, cancellationToken);
                return;
            case "channelCreated" or "channelRenamed" or "channelRestored" or "teamRenamed":
                await RememberChannelAsync(activity, channels, cancellationToken);
                return;
        }

        if (botRemoved && tenant is not null && channels?.Team?.Id is { } team)
        {
            await dealChannels.ForgetTeamAsync(tenant, team, cancellationToken);
            return;
        }
        if (!botAdded) return;

        await RememberChannelAsync(activity, channels, cancellationToken);
        // Teams also sends installationUpdate for the same install, and that one carries the welcome.
        if (activity.ChannelId != Channels.Teams) await SendWelcomeAsync(activity, cancellationToken);
    }

    /// <summary><paramref name="teams"/>: the Teams data when it may change stored channel references, else null.</summary>
    private async Task OnInstallationUpdateAsync(Activity activity, TeamsChannelData? teams, CancellationToken cancellationToken)
    {
        var tenant = TeamsChannelData.TenantOf(activity, teams);
        switch (activity.Action)
        {
            case "add" or "add-upgrade":
                await RememberChannelAsync(activity, teams, cancellationToken);
                if (activity.Action == "add") await SendWelcomeAsync(activity, cancellationToken);
                break;
            case "remove" when tenant is not null && teams?.Team?.Id is { } team:
                // Sends would get 403 from now on: forget the team instead.
                await dealChannels.ForgetTeamAsync(tenant, team, cancellationToken);
                break;
        }
    }

    private Task SendWelcomeAsync(Activity activity, CancellationToken cancellationToken) =>
        SendAsync(activities.CardMessage(activity, coach.WelcomeCard()), cancellationToken);

    private async Task RememberChannelAsync(Activity activity, TeamsChannelData? teams, CancellationToken cancellationToken)
    {
        if (TeamsChannelReference.From(activity, teams) is { } channel)
            await dealChannels.RememberAsync(channel, cancellationToken);
    }

    // ---- Invokes ----------------------------------------------------------------------------------------------

    private async Task<InvokeResponse> OnInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Name)
        {
            case PhraseSearch.InvokeName:
                return await phraseSearch.AnswerAsync(activity, cancellationToken);
            case AdaptiveCardActionInvoke:
                return await OnCardActionAsync(activity, cancellationToken);
            default:
                return InvokeResponse.NotImplemented;
        }
    }

    /// <summary>
    /// Action.Execute. A click on a question or channel-choice card makes that card stale, so the first reply
    /// replaces it in place (a text becomes a one-line card) and any further replies follow as messages. Other
    /// buttons (post summary, more phrases, ...) sit on cards worth keeping: their replies are all posted as new
    /// messages and the invoke answers with a short message.
    /// </summary>
    private async Task<InvokeResponse> OnCardActionAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value ||
            !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object ||
            !action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Action.Execute")
        {
            return CardActionError(400, "BadRequest", "Expected value.action of type Action.Execute.");
        }

        var data = action.TryGetProperty("data", out var d) ? ActionData(d) : null;
        if (data is not { Count: > 0 }) return CardActionError(400, "BadRequest", "The action carries no data.");
        var command = CardCommand.Parse(data);
        var utterance = Utterance.FromAction(command);

        var result = await RunTurnAsync(activity, utterance, cancellationToken);
        var outbound = await ToActivitiesAsync(result.Replies, utterance, activity, cancellationToken);
        if (outbound.Count == 0) return CardActionMessage("Done.");

        var answersTheCard = command is CardCommand.Answer or CardCommand.PostSummary { DealChannel: not null };
        if (!answersTheCard)
        {
            foreach (var reply in outbound) await SendAsync(reply, cancellationToken);
            return CardActionMessage(outbound[0].Text ?? outbound[0].Summary ?? "Done.");
        }

        foreach (var rest in outbound.Skip(1)) await SendAsync(rest, cancellationToken);
        var replacement = outbound[0].Attachments is [{ ContentType: ReplyActivities.AdaptiveCardContentType, Content: JsonObject card }]
            ? card
            : activities.NoticeCard(outbound[0].Text ?? "Done.", activity.ChannelId);
        return new InvokeResponse(200, new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = ReplyActivities.AdaptiveCardContentType,
            ["value"] = replacement,
        });
    }

    private static InvokeResponse CardActionMessage(string text) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = text,
    });

    private static InvokeResponse CardActionError(int status, string code, string message) => new(200, new JsonObject
    {
        ["statusCode"] = status,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    });

    // ---- Tenants ----------------------------------------------------------------------------------------------

    /// <summary>The pipeline's first step; only Teams activities come from a tenant.</summary>
    private bool IsTenantAllowed(Activity activity, TeamsChannelData? teams) =>
        activity.ChannelId != Channels.Teams || tenants.Admits(TeamsChannelData.TenantOf(activity, teams));

    private const string TenantRefusal = "CoachBot isn't enabled for your organisation. Ask your Teams administrator about access.";

    private async Task<InvokeResponse?> RefuseTenantAsync(Activity activity, CancellationToken cancellationToken)
    {
        LogTenantRefused(TeamsChannelData.TenantOf(activity));
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await SendAsync(ReplyActivities.ReplyTo(activity, new Activity { Type = ActivityTypes.Message, Text = TenantRefusal }), cancellationToken);
                return null;
            case ActivityTypes.Invoke when activity.Name == PhraseSearch.InvokeName:
                return new InvokeResponse(200, new JsonObject { ["composeExtension"] = new JsonObject { ["type"] = "message", ["text"] = TenantRefusal } });
            case ActivityTypes.Invoke when activity.Name == AdaptiveCardActionInvoke:
                return CardActionMessage(TenantRefusal);
            case ActivityTypes.Invoke:
                return InvokeResponse.NotImplemented;
            default:
                return null;
        }
    }

    // ---- Sending ----------------------------------------------------------------------------------------------

    /// <summary>Sends one activity; a failure is logged (there is no one to tell when the reply itself cannot be sent).</summary>
    private async Task SendAsync(Activity outbound, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendAsync(outbound, cancellationToken);
        }
        catch (ConnectorException e)
        {
            LogSendFailed(outbound.Type, (int)e.StatusCode, e.ErrorCode);
        }
        catch (HttpRequestException e)
        {
            LogSendUnreachable(outbound.Type, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a {Type} activity failed: connector answered {Status} {Code}")]
    private partial void LogSendFailed(string? type, int status, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a {Type} activity failed: connector unreachable ({Error})")]
    private partial void LogSendUnreachable(string? type, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an activity from tenant {TenantId}, which is not in AllowedTenantIds")]
    private partial void LogTenantRefused(string? tenantId);
}
