using CoachBot.Core.Cards;

namespace CoachBot.Core.Conversation;

/// <summary>Something the coach sends back. Channel adapters render each kind.</summary>
public abstract record Reply;

/// <summary>A short plain message.</summary>
public sealed record TextReply(string Text) : Reply;

/// <summary>A question with buttons. Typed answers are accepted too (number, word, synonym).</summary>
public sealed record ChoicePrompt(string StepId, string Prompt, IReadOnlyList<PromptChoice> Choices) : Reply;

public sealed record PromptChoice(string Value, string Label, string Short);

/// <summary>A card.</summary>
public sealed record CardReply(CoachCard Card) : Reply;

/// <summary>
/// The seller asked to post this card to a deal channel. The adapter chooses or asks for the channel
/// (Teams: a channel of a team the bot is in; Slack: a modal) and reports failures back to the seller.
/// </summary>
public sealed record PostToDealChannel(CoachCard Card, string AccountName) : Reply;
