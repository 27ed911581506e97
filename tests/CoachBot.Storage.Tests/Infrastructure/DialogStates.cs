using System.Collections;
using CoachBot.Core.Conversation;

namespace CoachBot.Storage.Tests.Infrastructure;

public static class DialogStates
{
    /// <summary>A state with every member set to something other than its default.</summary>
    public static DialogState Full() => new()
    {
        DialogId = "qualify",
        StepId = "change",
        Answers = new Dictionary<string, string> { ["need"] = "behavior", ["data-changed"] = "quarter" },
        InferredAnswers = ["need"],
        History = ["need", "data-changed"],
        Retries = 2,
        BuyerWords = "We want to fine-tune a model on our support tickets — \"ASAP\".",
        AccountName = "Contoso Ltd",
        LastRecommendation = "rag",
        AwaitingAccount = true,
        LastActivity = new DateTimeOffset(2025, 3, 4, 10, 15, 30, TimeSpan.FromHours(2)).AddTicks(1234567),
    };

    /// <summary>
    /// Asserts the two states are equal member by member, times to the tick and offset. Record equality would not
    /// do: it compares the dictionary and lists by reference. Dictionaries compare as sets of entries (PostgreSQL's
    /// jsonb does not keep key order); lists compare in order.
    /// </summary>
    public static void AssertEqual(DialogState expected, DialogState actual)
    {
        foreach (var property in typeof(DialogState).GetProperties())
        {
            var expectedValue = property.GetValue(expected);
            var actualValue = property.GetValue(actual);
            switch (expectedValue)
            {
                case IReadOnlyDictionary<string, string> expectedEntries:
                    Assert.Equal(
                        expectedEntries.OrderBy(e => e.Key, StringComparer.Ordinal),
                        Assert.IsAssignableFrom<IReadOnlyDictionary<string, string>>(actualValue).OrderBy(e => e.Key, StringComparer.Ordinal));
                    break;
                case IEnumerable expectedItems and not string:
                    Assert.Equal(expectedItems.Cast<object>(), Assert.IsAssignableFrom<IEnumerable>(actualValue).Cast<object>());
                    break;
                case DateTimeOffset expectedTime:
                    Assert.True(actualValue is DateTimeOffset actualTime && expectedTime.EqualsExact(actualTime),
                        $"{property.Name}: expected {expectedTime:O}, got {actualValue:O}");
                    break;
                default:
                    Assert.True(Equals(expectedValue, actualValue), $"{property.Name}: expected {expectedValue}, got {actualValue}");
                    break;
            }
        }
    }
}
