using System.Text.Json;
using CoachBot.Core.Conversation;
using CoachBot.Storage.Sql;
using CoachBot.Storage.Tests.Infrastructure;

namespace CoachBot.Storage.Tests.Sql;

public sealed class DialogStateJsonTests
{
    [Fact]
    public void The_sample_state_sets_every_member_so_the_round_trip_covers_members_added_later()
    {
        var sample = DialogStates.Full();
        var defaults = new DialogState();

        foreach (var property in typeof(DialogState).GetProperties().Where(p => p.CanWrite))
        {
            var value = property.GetValue(sample);
            Assert.False(
                Equals(value, property.GetValue(defaults)) || value is System.Collections.IEnumerable { } items && !items.Cast<object>().Any(),
                $"DialogStates.Full() leaves {property.Name} at its default; set it so the JSON round trip checks it.");
        }
    }

    [Fact]
    public void A_state_comes_back_from_JSON_exactly()
    {
        var state = DialogStates.Full();

        DialogStates.AssertEqual(state, DialogStateJson.Deserialize(DialogStateJson.Serialize(state)));
    }

    [Fact]
    public void The_empty_state_comes_back_from_JSON_empty()
    {
        DialogStates.AssertEqual(DialogState.Empty, DialogStateJson.Deserialize(DialogStateJson.Serialize(DialogState.Empty)));
    }

    [Fact]
    public void The_JSON_names_members_in_camel_case_and_leaves_out_computed_ones()
    {
        using var json = JsonDocument.Parse(DialogStateJson.Serialize(DialogStates.Full()));
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("dialogId", names);
        Assert.Contains("lastActivity", names);
        Assert.DoesNotContain("isIdle", names);
    }

    [Fact]
    public void Members_missing_from_stored_JSON_take_their_defaults()
    {
        var state = DialogStateJson.Deserialize("""{"dialogId":"qualify","stepId":"need"}""");

        Assert.Equal("need", state.StepId);
        Assert.Empty(state.Answers);
        Assert.Empty(state.History);
    }
}
