using CoachBot.Core.Analytics;
using CoachBot.Core.Cards;
using CoachBot.Core.Classification;
using CoachBot.Core.Conversation;
using CoachBot.Core.Dialogs;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;

namespace CoachBot.Core;

public sealed record CoachOptions
{
    /// <summary>A dialog untouched for longer than this is dropped with a message.</summary>
    public TimeSpan DialogTimeToLive { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Failed answers to one step before the coach offers a way out instead of asking again.</summary>
    public int MaxRetries { get; init; } = 3;
    /// <summary>Text longer than this is not taken as an answer to a question (nor echoed back).</summary>
    public int MaxAnswerChars { get; init; } = 500;
}

/// <summary>
/// The coach: one turn is (state, utterance) -> (new state, replies, analytics events). No I/O; the clock is injected.
/// Channels translate their requests into <see cref="Utterance"/>s and render the <see cref="Reply"/>s. A turn is
/// asynchronous only because reading the seller's words may embed them (<see cref="CoachUnderstanding"/>): with the
/// shipped model that is computation in this process, with a configured endpoint a call to it.
/// </summary>
public sealed class Coach
{
    public const string QualifyDialogId = "qualify";
    private const int MaxAccountNameLength = 80;

    private readonly TimeProvider _time;
    private readonly CoachOptions _options;
    private readonly DialogDefinition _qualify;

    public Coach(PlaybookContent playbook, CoachUnderstanding understanding, TimeProvider? time = null, CoachOptions? options = null)
    {
        Playbook = playbook;
        Understanding = understanding;
        _time = time ?? TimeProvider.System;
        _options = options ?? new CoachOptions();
        _qualify = playbook.Dialog(QualifyDialogId);
        Cards = new CardFactory(playbook);
    }

    public PlaybookContent Playbook { get; }
    public CardFactory Cards { get; }
    public CoachUnderstanding Understanding { get; }

    public CoachCard WelcomeCard() => Cards.Welcome();
    public CoachCard HelpCard() => Cards.Help();
    public CoachCard PrepCard() => Cards.Prep();
    public Task<LookupResult> LookupAsync(string query, CancellationToken cancellationToken = default) =>
        Understanding.LookupAsync(query, cancellationToken);

    /// <summary>
    /// What to show a seller coming back to a conversation left half-way (a restarted terminal, a reopened chat):
    /// the answers so far and the question still waiting, or the pending account question. Empty when idle.
    /// Nothing changes; the next turn answers the question as usual.
    /// </summary>
    public IReadOnlyList<Reply> Resume(DialogState state)
    {
        var turn = new TurnBuilder(_time.GetUtcNow());
        if (state.DialogId is not null && CurrentStep(state) is not null && !state.AwaitingAccount)
            turn.Card(Cards.Resume(state.Answers, state.BuyerWords));
        Reprompt(state, turn);
        return turn.Replies;
    }

    public async Task<TurnResult> TurnAsync(DialogState state, Utterance utterance, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var turn = new TurnBuilder(now);
        // Typed text is parsed once per turn, or not at all when the channel hands over what it parsed.
        var typed = utterance.Action is null ? utterance.Parsed ?? CommandParser.Parse(utterance.Text) : null;

        if (!state.IsIdle && state.LastActivity is { } last && now - last > _options.DialogTimeToLive)
        {
            turn.Say($"That conversation expired after {Describe(_options.DialogTimeToLive)} without a reply, so I've started fresh.");
            state = DialogState.Empty with { AccountName = state.AccountName };
            if (typed is { Kind: CommandKind.None })
            {
                // An answer to a question that no longer stands means nothing on its own: don't guess.
                turn.Say("Say \u201cqualify\u201d to start again, or \u201chelp\u201d to see what I can do.");
                return new TurnResult(state with { LastActivity = now }, turn.Replies, turn.Events);
            }
        }

        if (state.DialogId is not null && !FitsPlaybook(state))
        {
            // Saved under an older playbook: its step or answers are gone, and guessing what they became could put a
            // wrong recommendation in front of a buyer. The questions start over; the seller's message still counts.
            turn.Say("The coaching playbook was updated since your last answer, so I've started those questions over.");
            state = Idle(state);
            if (typed is { Kind: CommandKind.None })
                return new TurnResult(StartQualify(state, turn, buyerWords: null) with { LastActivity = now }, turn.Replies, turn.Events);
        }

        var next = utterance.Action is { } action
            ? await HandleActionAsync(state, action, turn, cancellationToken)
            : await HandleTextAsync(state, utterance.Text ?? "", typed!, turn, cancellationToken);

        return new TurnResult(next with { LastActivity = now }, turn.Replies, turn.Events);
    }

    // ---- Typed text -------------------------------------------------------------------------------------------

    private async Task<DialogState> HandleTextAsync(DialogState state, string text, ParsedCommand command, TurnBuilder turn, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            turn.Say("Type a topic to look up (\u201ccost\u201d, \u201cthey say fine-tuning is more secure\u201d), \u201cqualify\u201d to start, or \u201chelp\u201d.");
            return Reprompt(state, turn);
        }
        switch (command.Kind)
        {
            case CommandKind.Help:
                turn.Card(Cards.Help());
                return Reprompt(state, turn);
            case CommandKind.Cancel when state.AwaitingAccount:
                turn.Say("Summary skipped.");
                return Reprompt(state with { AwaitingAccount = false }, turn);
            case CommandKind.Cancel:
                if (state.IsIdle) { turn.Say("Nothing to cancel. Say \u201chelp\u201d to see what I can do."); return state; }
                turn.Say("Cancelled. Say \u201cqualify\u201d whenever you want to start again.");
                return Idle(state);
            case CommandKind.StartOver:
                return StartQualify(DialogState.Empty with { AccountName = state.AccountName }, turn, buyerWords: null);
            case CommandKind.Back:
                return Back(state, turn);
            case CommandKind.Phrase or CommandKind.Define:
                await LookupAsync(command.Argument, turn, cancellationToken);
                return Reprompt(state, turn);
            case CommandKind.Prep:
                turn.Card(Cards.Prep());
                return Reprompt(state, turn);
            case CommandKind.Details:
                return ShowDetails(state, turn);
        }

        if (state.AwaitingAccount) return AnswerAccount(state, text, turn);
        if (state.DialogId is not null && CurrentStep(state) is { } step)
        {
            if (command.Kind is CommandKind.Qualify) return QualifyAgain(state, turn);
            if (command.Kind is CommandKind.CoachOnWords) return await CoachOnWordsAsync(state, command.Argument, turn, cancellationToken);
            return await AnswerOrAsideAsync(state, step, text, turn, cancellationToken);
        }

        switch (command.Kind)
        {
            case CommandKind.Qualify:
                return StartQualify(state, turn, buyerWords: null);
            case CommandKind.CoachOnWords:
                return await CoachOnWordsAsync(state, command.Argument, turn, cancellationToken);
            case CommandKind.Greeting:
                turn.Card(Cards.Welcome());
                return state;
        }

        // Free text while idle: the buyer's words when written as the buyer and clearly describing a need; otherwise
        // a look-up, and the buyer's words after all when nothing in the playbook answers it but a need is clear.
        var meaning = await Understanding.MeaningAsync(text, cancellationToken);
        var reading = Understanding.Classifier.Classify(text, meaning);
        var clearNeed = reading.Need != Need.Unclear && reading.Confidence >= 0.6;
        if (clearNeed && (LookupIntent.IsBuyerVoice(text) || text.Length > _options.MaxAnswerChars))
            return await CoachOnWordsAsync(state, text, turn, cancellationToken, reading);
        if (text.Length > _options.MaxAnswerChars)
        {
            // A pasted document is not a look-up; it is not echoed back either.
            turn.Say($"That's {text.Length:N0} characters, too long to look up. Give me a few words, or paste the buyer's words after \u201ccoach:\u201d.");
            return state;
        }
        var result = Understanding.Phrases.Search(text, meaning);
        if (result.IsNoMatch && clearNeed) return await CoachOnWordsAsync(state, text, turn, cancellationToken, reading);
        Show(result, text, turn);
        if (result.IsNoMatch) turn.Say("To qualify a buyer's need, say \u201cqualify\u201d or paste their words after \u201ccoach:\u201d.");
        return state;
    }

    /// <summary>
    /// Typed text at a dialog step. It answers the question only when it names a choice with confidence (its number,
    /// label or a synonym, or a statement the classifier reads clearly for this step). A look-up ("what do I say
    /// when...", a topic) is answered and the question asked again; anything else gets the retry prompt.
    /// </summary>
    private async Task<DialogState> AnswerOrAsideAsync(DialogState state, DialogStep step, string text, TurnBuilder turn, CancellationToken cancellationToken)
    {
        if (text.Length > _options.MaxAnswerChars)
        {
            turn.Say($"That's {text.Length:N0} characters, too long to be an answer. Pick one of these (or start with \u201cphrase\u201d to look something up):");
            turn.Prompt(step);
            return state with { StepId = step.Id };
        }

        var reading = ChoiceMatcher.Read(step, text);
        if (reading.Exact) return AnswerStep(state, step, reading.Choice, turn);

        if (LookupIntent.IsLookup(text))
        {
            await LookupAsync(LookupIntent.Topic(text), turn, cancellationToken);
            turn.Prompt(step);
            return state with { StepId = step.Id };
        }
        if (reading.Choice is not null) return AnswerStep(state, step, reading.Choice, turn);

        var meaning = await Understanding.MeaningAsync(text, cancellationToken);
        var statement = Understanding.Classifier.Classify(text, meaning);
        if (statement.InferredAnswers.TryGetValue(step.Id, out var inferred)
            && (step.Id != "need" || statement.Confidence >= 0.6)
            && step.Choices.FirstOrDefault(c => c.Value == inferred) is { } understood)
            return AnswerStep(state, step, understood, turn);

        var lookup = Understanding.Phrases.Search(text, meaning);
        if (!lookup.IsNoMatch)
        {
            Show(lookup, text, turn);
            turn.Prompt(step);
            return state with { StepId = step.Id };
        }
        return AnswerStep(state, step, null, turn);
    }

    private async Task<LookupResult> LookupAsync(string query, TurnBuilder turn, CancellationToken cancellationToken)
    {
        var result = await Understanding.LookupAsync(query, cancellationToken);
        Show(result, query, turn);
        return result;
    }

    private void Show(LookupResult result, string query, TurnBuilder turn)
    {
        turn.Record(result.IsNoMatch ? AnalyticsKind.NoMatchLookup : AnalyticsKind.Lookup, query,
            result.Matches.Count > 0 ? result.Matches[0].Phrase.Id : result.Term?.Id ?? result.Analogy?.Id);
        turn.Card(Cards.Phrases(result));
    }

    // ---- Card buttons -----------------------------------------------------------------------------------------

    private async Task<DialogState> HandleActionAsync(DialogState state, CardCommand command, TurnBuilder turn, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case CardCommand.Answer answer:
                return AnswerFromButton(state, answer.StepId, answer.Value, turn);
            case CardCommand.Qualify:
                return QualifyAgain(state, turn);
            case CardCommand.StartOver:
                return StartQualify(DialogState.Empty with { AccountName = state.AccountName }, turn, null);
            case CardCommand.PostSummary post:
                // A channel that asks for the account name together with the request (Slack's modal) sends it along.
                if (post.AccountName is { } account && IsAccountName(account))
                    state = state with { AccountName = account.Trim(), AwaitingAccount = false };
                return PostSummary(state, IsRecommendation(post.Recommendation) ? post.Recommendation : state.LastRecommendation, turn);
            case CardCommand.MorePhrases more:
                turn.Card(Cards.MorePhrases(IsRecommendation(more.Recommendation) ? more.Recommendation : null));
                return state;
            case CardCommand.Prep:
                turn.Card(Cards.Prep());
                return Reprompt(state, turn);
            case CardCommand.Help:
                turn.Card(Cards.Help());
                return Reprompt(state, turn);
            case CardCommand.Back:
                return Back(state, turn);
            case CardCommand.Cancel:
                turn.Say("Cancelled. Say \u201cqualify\u201d whenever you want to start again.");
                return Idle(state);
            case CardCommand.Correct:
                return Correct(state, turn);
            case CardCommand.ShowDetails:
                return ShowDetails(state, turn);
            case CardCommand.Lookup lookup:
                await LookupAsync(lookup.Query, turn, cancellationToken);
                return Reprompt(state, turn);
            case CardCommand.ShowAnswer show:
                // Exactly the answer the button names, not a fresh search; a button from an older playbook says so.
                if (AnswerLabels.Find(Cards.Playbook, show.Label) is { } shown)
                    turn.Card(Cards.Phrases(LookupResult.Of(show.Query ?? Cards.AnswerTitle(shown), shown)));
                else
                    turn.Say("That answer is no longer in the playbook. Type the topic to look it up again.");
                return Reprompt(state, turn);
            default:
                turn.Say(UnrecognizedButtonText);
                return Reprompt(state, turn);
        }
    }

    /// <summary>The answer to a button this version does not know (an older card's, or made-up data).</summary>
    public const string UnrecognizedButtonText =
        "I didn't recognize that button (it may be from an older card). Say \u201chelp\u201d to see what I can do.";

    private DialogState AnswerFromButton(DialogState state, string stepId, string value, TurnBuilder turn)
    {
        var step = _qualify.Steps.FirstOrDefault(s => s.Id == stepId);
        var choice = step?.Choices.FirstOrDefault(c => c.Value == value);
        if (step is null || choice is null)
        {
            turn.Say("That button doesn't match a question I know. Say \u201cqualify\u201d to start again.");
            return Reprompt(state, turn);
        }

        // A button from an earlier card: accept it when that step is still open or already answered (a change of
        // mind), and start the dialog when idle, so old cards stay useful instead of failing.
        if (state.DialogId is null) state = state with { DialogId = QualifyDialogId, Answers = new Dictionary<string, string>(), History = [], InferredAnswers = [] };
        if (state.StepId != step.Id && state.Answers.ContainsKey(step.Id))
            state = Rewind(state, step.Id);
        if (!Conditions.Match(step.When, state.Answers))
        {
            turn.Say("That question doesn't apply to the answers so far.");
            return Reprompt(state, turn);
        }
        return AnswerStep(state with { StepId = step.Id }, step, choice, turn);
    }

    // ---- The qualify dialog -----------------------------------------------------------------------------------

    private DialogState StartQualify(DialogState state, TurnBuilder turn, string? buyerWords) =>
        AskNext(FreshDialog(state, buyerWords), turn);

    /// <summary>
    /// "Qualify" (typed, or an old card's button) while a dialog already has answers: those answers are not thrown
    /// away silently. The question stands; "start over" is the way to begin again.
    /// </summary>
    private DialogState QualifyAgain(DialogState state, TurnBuilder turn)
    {
        if (state.DialogId is null || state.Answers.Count == 0)
            return StartQualify(DialogState.Empty with { AccountName = state.AccountName }, turn, null);
        var count = state.Answers.Count;
        turn.Say($"You're already qualifying this buyer ({count} answer{(count == 1 ? "" : "s")} so far), so I've kept {(count == 1 ? "it" : "them")}. " +
                 "Answer the question to carry on, or say \u201cstart over\u201d to begin again.");
        return Reprompt(state, turn);
    }

    /// <summary>A new qualify dialog: nothing answered yet; the account name is kept for the next summary.</summary>
    private static DialogState FreshDialog(DialogState state, string? buyerWords) => state with
    {
        DialogId = QualifyDialogId,
        StepId = null,
        Answers = new Dictionary<string, string>(),
        InferredAnswers = [],
        History = [],
        Retries = 0,
        BuyerWords = buyerWords,
        LastRecommendation = null,
    };

    private async Task<DialogState> CoachOnWordsAsync(DialogState state, string words, TurnBuilder turn, CancellationToken cancellationToken,
        NeedClassification? reading = null)
    {
        reading ??= await Understanding.ClassifyAsync(words, cancellationToken);
        var started = FreshDialog(state, words);

        var inferred = new Dictionary<string, string>();
        foreach (var step in _qualify.Steps)
        {
            if (reading.InferredAnswers.TryGetValue(step.Id, out var value) &&
                step.Choices.Any(c => c.Value == value && !c.Coach) &&
                Conditions.Match(step.When, inferred))
            {
                inferred[step.Id] = value;
            }
        }

        if (inferred.Count == 0)
        {
            turn.Say("I couldn't tell from those words whether the buyer needs a change in behavior or in knowledge, so let's ask.");
            return AskNext(started, turn);
        }

        turn.Card(Cards.Understood(reading with { InferredAnswers = inferred }, words));
        var order = _qualify.Steps.Select(s => s.Id).Where(inferred.ContainsKey).ToList();
        return AskNext(started with { Answers = inferred, InferredAnswers = order, History = order }, turn);
    }

    private DialogState AnswerStep(DialogState state, DialogStep step, StepChoice? choice, TurnBuilder turn)
    {
        if (choice is null)
        {
            var retries = state.Retries + 1;
            if (retries >= _options.MaxRetries)
            {
                turn.Card(Cards.WayOut(step));
                turn.Prompt(step);
                return state with { Retries = 0, StepId = step.Id };
            }
            turn.Say(string.IsNullOrWhiteSpace(step.RetryPrompt) ? "Sorry, I didn't catch that. Pick one of these:" : step.RetryPrompt);
            turn.Prompt(step);
            return state with { Retries = retries, StepId = step.Id };
        }

        if (choice.Coach)
        {
            if (step.Question is { } questionId) turn.Card(Cards.Coaching(Playbook.Question(questionId)));
            turn.Prompt(step);
            return state with { Retries = 0, StepId = step.Id };
        }

        var answers = new Dictionary<string, string>(state.Answers) { [step.Id] = choice.Value };
        var pruned = Conditions.Prune(_qualify, answers);
        var history = state.History.Where(pruned.ContainsKey).Where(id => id != step.Id).Append(step.Id).ToList();
        var inferred = state.InferredAnswers.Where(id => id != step.Id && pruned.ContainsKey(id)).ToList();
        return AskNext(state with { Answers = pruned, History = history, InferredAnswers = inferred, Retries = 0 }, turn);
    }

    private DialogState AskNext(DialogState state, TurnBuilder turn)
    {
        var step = Conditions.NextStep(_qualify, state.Answers);
        if (step is not null)
        {
            turn.Prompt(step);
            return state with { StepId = step.Id, Retries = 0 };
        }
        return Recommend(state, turn);
    }

    private DialogState Recommend(DialogState state, TurnBuilder turn)
    {
        var rule = Conditions.Decide(Playbook.Rules, state.Answers);
        if (rule is null)
        {
            // The validator rejects playbooks with uncovered combinations, so this only happens with a hand-built one.
            turn.Say("I don't have guidance for that combination of answers yet. Say \u201cstart over\u201d to try again.");
            return Idle(state);
        }
        turn.Card(Cards.Recommendation(rule, state.Answers, state.BuyerWords));
        var recommended = CardFactory.RecommendationSubject(rule);
        turn.Record(AnalyticsKind.Recommendation, recommended, rule.Id);
        if (Cards.AskedFor(state.Answers) is { } asked) turn.Record(AnalyticsKind.BuyerAsk, asked, recommended);
        return state with { DialogId = null, StepId = null, Retries = 0, LastRecommendation = rule.Recommend };
    }

    /// <summary>
    /// "Show details" under a compact recommendation (its button, or "details" typed): the whole card, for the
    /// answers the recommendation was made on. Nothing is recorded again: the recommendation was counted when given.
    /// </summary>
    private DialogState ShowDetails(DialogState state, TurnBuilder turn)
    {
        var rule = state.LastRecommendation is null ? null : Conditions.Decide(Playbook.Rules, state.Answers);
        if (rule is null || rule.Recommend != state.LastRecommendation)
        {
            turn.Say("There's no recommendation to show in full. Say \u201cqualify\u201d to get one.");
            return Reprompt(state, turn);
        }
        turn.Card(Cards.Recommendation(rule, state.Answers, state.BuyerWords).WithDetailsShown());
        return Reprompt(state, turn);
    }

    private DialogState Back(DialogState state, TurnBuilder turn)
    {
        if (state.DialogId is null && state.LastRecommendation is not null && state.History.Count > 0)
        {
            // Back from a recommendation re-opens the last question.
            state = state with { DialogId = QualifyDialogId };
        }
        if (state.DialogId is null || state.History.Count == 0)
        {
            turn.Say(state.DialogId is null ? "There's no question to go back to. Say \u201cqualify\u201d to start." : "This is the first question.");
            return Reprompt(state, turn);
        }
        return Rewind(state, state.History[^1], turn);
    }

    private DialogState Correct(DialogState state, TurnBuilder turn)
    {
        if (state.DialogId is null || state.InferredAnswers.Count == 0)
        {
            return Reprompt(state, turn);
        }
        return Rewind(state, state.InferredAnswers[0], turn);
    }

    /// <summary>Forgets the answer to <paramref name="stepId"/> and everything answered after it, then asks it again.</summary>
    private DialogState Rewind(DialogState state, string stepId, TurnBuilder? turn = null)
    {
        var index = state.History.ToList().IndexOf(stepId);
        var keep = index < 0 ? state.History.ToList() : state.History.Take(index).ToList();
        var answers = state.Answers.Where(a => keep.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value);
        var rewound = state with
        {
            DialogId = QualifyDialogId,
            Answers = answers,
            History = keep,
            InferredAnswers = state.InferredAnswers.Where(keep.Contains).ToList(),
            Retries = 0,
            LastRecommendation = null,
            StepId = stepId,
        };
        if (turn is null) return rewound;
        var step = _qualify.Steps.First(s => s.Id == stepId);
        turn.Prompt(step);
        return rewound;
    }

    // ---- Deal summary -----------------------------------------------------------------------------------------

    private DialogState PostSummary(DialogState state, string? recommendation, TurnBuilder turn)
    {
        if (recommendation is null)
        {
            turn.Say("There's no recommendation to summarize yet. Say \u201cqualify\u201d to get one.");
            return state;
        }
        state = state with { LastRecommendation = recommendation };
        if (string.IsNullOrWhiteSpace(state.AccountName))
        {
            turn.Say("Which account is this for? (the name to show on the deal summary)");
            return state with { AwaitingAccount = true };
        }
        EmitSummary(state, turn);
        return state;
    }

    private DialogState AnswerAccount(DialogState state, string text, TurnBuilder turn)
    {
        var name = text.Trim();
        if (!IsAccountName(name))
        {
            turn.Say($"Please give the account name in at most {MaxAccountNameLength} characters, or say \u201ccancel\u201d to skip the summary.");
            return state;
        }
        var named = state with { AccountName = name, AwaitingAccount = false };
        EmitSummary(named, turn);
        return Reprompt(named, turn);
    }

    private static bool IsAccountName(string text) =>
        text.Trim() is { Length: > 0 and <= MaxAccountNameLength } name && !name.Any(char.IsControl);

    private void EmitSummary(DialogState state, TurnBuilder turn)
    {
        var rule = Conditions.Decide(Playbook.Rules, state.Answers);
        if (rule is not null && rule.Recommend != state.LastRecommendation) rule = null;
        var card = Cards.DealSummary(state.AccountName!, state.LastRecommendation!, rule, state.Answers, state.BuyerWords);
        turn.Add(new PostToDealChannel(card, state.AccountName!));
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Whether a saved dialog still makes sense in this playbook: its dialog, its current step, and every step it
    /// answered (with a choice the step still offers) exist.
    /// </summary>
    private bool FitsPlaybook(DialogState state)
    {
        if (state.DialogId != QualifyDialogId) return false;
        if (state.StepId is not null && CurrentStep(state) is null) return false;
        foreach (var (stepId, value) in state.Answers)
        {
            var step = _qualify.Steps.FirstOrDefault(s => s.Id == stepId);
            if (step is null) return false;
            if (step.Choices.Count > 0 && !step.Choices.Any(c => c.Value == value)) return false;
        }
        return state.History.All(id => _qualify.Steps.Any(s => s.Id == id));
    }

    private DialogStep? CurrentStep(DialogState state) =>
        state.StepId is null ? null : _qualify.Steps.FirstOrDefault(s => s.Id == state.StepId);

    /// <summary>After a side request (help, a look-up) in the middle of a question, ask the question again.</summary>
    private DialogState Reprompt(DialogState state, TurnBuilder turn)
    {
        if (state.AwaitingAccount) turn.Say("Which account is this for?");
        else if (state.DialogId is not null && CurrentStep(state) is { } step) turn.Prompt(step);
        return state;
    }

    private static DialogState Idle(DialogState state) => state with
    {
        DialogId = null, StepId = null, Retries = 0, AwaitingAccount = false, Answers = new Dictionary<string, string>(), History = [], InferredAnswers = [],
        BuyerWords = null, LastRecommendation = null,
    };

    /// <summary>Button data comes back from the client: only an approach the playbook knows is used.</summary>
    private bool IsRecommendation([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) =>
        id is not null && Playbook.Approaches.Any(a => a.Id == id);

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hour{(span.TotalHours == 1 ? "" : "s")}" : $"{span.TotalMinutes:0} minutes";

    /// <summary>Collects one turn's replies and events.</summary>
    private sealed class TurnBuilder(DateTimeOffset now)
    {
        public List<Reply> Replies { get; } = [];
        public List<AnalyticsEvent> Events { get; } = [];

        public void Say(string text) => Replies.Add(new TextReply(text));
        public void Card(CoachCard card) => Replies.Add(new CardReply(card));
        public void Add(Reply reply) => Replies.Add(reply);

        public void Prompt(DialogStep step) => Replies.Add(new ChoicePrompt(step.Id, step.Prompt,
            step.Choices.Where(c => !c.Hidden).Select(c => new PromptChoice(c.Value, c.Label, c.Short)).ToList()));

        public void Record(AnalyticsKind kind, string subject, string? detail) => Events.Add(new AnalyticsEvent(kind, subject, now, detail));
    }
}
