using CoachBot.Core.Conversation;

namespace CoachBot.Core.Cards;

/// <summary>The buttons a choice prompt shows, the same in every channel.</summary>
public static class PromptActions
{
    /// <summary>
    /// One button per choice. Titles carry the choice number ("1. How it responds") so a seller who types
    /// the number gets the same answer as one who clicks.
    /// </summary>
    public static IReadOnlyList<CardAction> For(ChoicePrompt prompt) =>
        prompt.Choices
            .Select((choice, index) => new CardAction($"{index + 1}. {ButtonText(choice)}", new CardCommand.Answer(prompt.StepId, choice.Value)))
            .ToList();

    private static string ButtonText(PromptChoice choice) =>
        string.IsNullOrWhiteSpace(choice.Short) ? choice.Label : choice.Short;
}
