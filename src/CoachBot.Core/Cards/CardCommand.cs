namespace CoachBot.Core.Cards;

/// <summary>
/// What a card button means. Cards carry one; a channel writes it into its button (<see cref="ToData"/>), reads the
/// click back once at its edge (<see cref="Parse"/>), and the coach takes the command, never the channel's data.
/// <para>
/// On the wire a command is a flat object of strings (Adaptive Card Action.Submit/Execute data, Slack button values,
/// as JSON). Those keys and values (<see cref="ActionKeys"/>) are a contract with every card already posted in a
/// channel: they do not change, and data from a button this version does not know parses to <see cref="Unrecognized"/>.
/// </para>
/// </summary>
public abstract record CardCommand
{
    private protected CardCommand() { }

    /// <summary>A choice on a dialog question: <paramref name="StepId"/> answered with <paramref name="Value"/>.</summary>
    public sealed record Answer(string StepId, string Value) : CardCommand;

    /// <summary>
    /// Post the deal summary of <paramref name="Recommendation"/> (the last one when null). A channel that asks for the
    /// account with the request (Slack's modal) gives <paramref name="AccountName"/>; one that asks where to post
    /// (Teams) gives the chosen <paramref name="DealChannel"/>.
    /// </summary>
    public sealed record PostSummary(string? Recommendation, string? AccountName = null, string? DealChannel = null) : CardCommand;

    /// <summary>More phrases, for <paramref name="Recommendation"/> when given.</summary>
    public sealed record MorePhrases(string? Recommendation) : CardCommand;

    /// <summary>The whole of a compact recommendation card.</summary>
    public sealed record ShowDetails(string? Recommendation) : CardCommand;

    /// <summary>A phrase look-up.</summary>
    public sealed record Lookup(string Query) : CardCommand;

    /// <summary>
    /// Show exactly the look-up answer <paramref name="Label"/> names (a phrase id, glossary:id or analogy:id, as in
    /// lookup-examples.yaml): a related answer's "See also" button, which must not run a fresh search that could land
    /// elsewhere. <paramref name="Query"/> is the look-up it was offered under, when known.
    /// </summary>
    public sealed record ShowAnswer(string Label, string? Query = null) : CardCommand;

    public sealed record Qualify : CardCommand;
    public sealed record StartOver : CardCommand;
    public sealed record Prep : CardCommand;
    public sealed record Help : CardCommand;
    public sealed record Back : CardCommand;
    public sealed record Cancel : CardCommand;

    /// <summary>"Ask me instead": the answers read from the buyer's words are asked again.</summary>
    public sealed record Correct : CardCommand;

    /// <summary>Button data that names no command this version knows (an older card, or data made up by a client).</summary>
    public sealed record Unrecognized(string? Action) : CardCommand;

    /// <summary>The command a button's data stands for; never throws, whatever the data.</summary>
    public static CardCommand Parse(IReadOnlyDictionary<string, string> data)
    {
        var action = data.GetValueOrDefault(ActionKeys.Action);
        var recommendation = NonEmpty(data.GetValueOrDefault(ActionKeys.Recommendation));
        return action switch
        {
            // An answer naming no question is still an answer: the coach says it matches no question it knows.
            ActionKeys.Answer => new Answer(data.GetValueOrDefault(ActionKeys.Step) ?? "", data.GetValueOrDefault(ActionKeys.Value) ?? ""),
            ActionKeys.PostSummary => new PostSummary(recommendation, NonEmpty(data.GetValueOrDefault(ActionKeys.AccountName)),
                NonEmpty(data.GetValueOrDefault(ActionKeys.DealChannel))),
            ActionKeys.MorePhrases => new MorePhrases(recommendation),
            ActionKeys.Details => new ShowDetails(recommendation),
            ActionKeys.Query when NonEmpty(data.GetValueOrDefault(ActionKeys.Query)) is { } query => new Lookup(query),
            ActionKeys.ShowAnswer when NonEmpty(data.GetValueOrDefault(ActionKeys.AnswerLabel)) is { } label =>
                new ShowAnswer(label, NonEmpty(data.GetValueOrDefault(ActionKeys.Query))),
            ActionKeys.Qualify => new Qualify(),
            ActionKeys.StartOver => new StartOver(),
            ActionKeys.Prep => new Prep(),
            ActionKeys.Help => new Help(),
            ActionKeys.Back => new Back(),
            ActionKeys.Cancel => new Cancel(),
            ActionKeys.Correct => new Correct(),
            _ => new Unrecognized(action),
        };
    }

    /// <summary>The button data that <see cref="Parse"/> reads back as this command (keys in a fixed order).</summary>
    public IReadOnlyDictionary<string, string> ToData()
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (this)
        {
            case Answer answer:
                data[ActionKeys.Action] = ActionKeys.Answer;
                data[ActionKeys.Step] = answer.StepId;
                data[ActionKeys.Value] = answer.Value;
                break;
            case PostSummary post:
                data[ActionKeys.Action] = ActionKeys.PostSummary;
                Add(data, ActionKeys.Recommendation, post.Recommendation);
                Add(data, ActionKeys.AccountName, post.AccountName);
                Add(data, ActionKeys.DealChannel, post.DealChannel);
                break;
            case MorePhrases more:
                data[ActionKeys.Action] = ActionKeys.MorePhrases;
                Add(data, ActionKeys.Recommendation, more.Recommendation);
                break;
            case ShowDetails details:
                data[ActionKeys.Action] = ActionKeys.Details;
                Add(data, ActionKeys.Recommendation, details.Recommendation);
                break;
            case Lookup lookup:
                data[ActionKeys.Action] = ActionKeys.Query;
                data[ActionKeys.Query] = lookup.Query;
                break;
            case ShowAnswer show:
                data[ActionKeys.Action] = ActionKeys.ShowAnswer;
                data[ActionKeys.AnswerLabel] = show.Label;
                Add(data, ActionKeys.Query, show.Query);
                break;
            case Unrecognized unrecognized:
                Add(data, ActionKeys.Action, unrecognized.Action);
                break;
            default:
                data[ActionKeys.Action] = Name;
                break;
        }
        return data;
    }

    /// <summary>The action's name on the wire ("answer", "postSummary", ...); Adaptive Cards' Action.Execute verb.</summary>
    public string Name => this switch
    {
        Answer => ActionKeys.Answer,
        PostSummary => ActionKeys.PostSummary,
        MorePhrases => ActionKeys.MorePhrases,
        ShowDetails => ActionKeys.Details,
        Lookup => ActionKeys.Query,
        ShowAnswer => ActionKeys.ShowAnswer,
        Qualify => ActionKeys.Qualify,
        StartOver => ActionKeys.StartOver,
        Prep => ActionKeys.Prep,
        Help => ActionKeys.Help,
        Back => ActionKeys.Back,
        Cancel => ActionKeys.Cancel,
        Correct => ActionKeys.Correct,
        Unrecognized unrecognized => unrecognized.Action ?? "",
        _ => "",
    };

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void Add(Dictionary<string, string> data, string key, string? value)
    {
        if (value is not null) data[key] = value;
    }
}

/// <summary>The keys and action names of <see cref="CardCommand"/>'s wire form. Posted cards depend on them: never rename one.</summary>
public static class ActionKeys
{
    public const string Action = "action";
    public const string Step = "step";
    public const string Value = "value";
    public const string Recommendation = "recommendation";
    public const string Query = "query";
    /// <summary>The account a deal summary is for, when the channel asked for it with the request (Slack's modal).</summary>
    public const string AccountName = "accountName";
    /// <summary>The deal channel chosen for a summary (a Teams channel id, on the channel-choice card's buttons).</summary>
    public const string DealChannel = "dealChannel";
    /// <summary>The look-up answer a "See also" button shows (a phrase id, glossary:id or analogy:id).</summary>
    public const string AnswerLabel = "answerLabel";

    // action values
    public const string Answer = "answer";
    public const string PostSummary = "postSummary";
    public const string StartOver = "startOver";
    public const string MorePhrases = "morePhrases";
    public const string Qualify = "qualify";
    public const string Prep = "prep";
    public const string Help = "help";
    public const string Back = "back";
    public const string Cancel = "cancel";
    public const string Correct = "correct";
    public const string Details = "details";
    public const string ShowAnswer = "showAnswer";
}
