using CoachBot.Core.Analytics;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CoachBot.Storage.Tests.Contract;

/// <summary>
/// The contract of Core's storage ports. Every implementation runs all of it through a class deriving from this
/// one; the stores come from <see cref="CoachBotStorage.Create"/> with the options the derived class gives.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private CoachBotStorage? _storage;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));

    private CoachBotStorage Storage => _storage ?? throw new InvalidOperationException("Not initialised.");

    private IConversationStateStore States => Storage.States;

    /// <summary>Options pointing at an empty store of the implementation under test.</summary>
    protected abstract Task<StorageOptions> CreateOptionsAsync();

    /// <summary>Removes what <see cref="CreateOptionsAsync"/> created, after the stores are disposed.</summary>
    protected abstract ValueTask CleanUpAsync();

    public async Task InitializeAsync() => _storage = CoachBotStorage.Create(await CreateOptionsAsync(), Time);

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
        await CleanUpAsync();
    }

    // ---- Conversation state ----

    [StoreFact]
    public async Task Loading_a_conversation_never_saved_gives_null()
    {
        Assert.Null(await States.LoadAsync(Key("never-saved")));
    }

    [StoreFact]
    public async Task A_first_save_expects_version_0_and_loads_back_member_for_member_at_version_1()
    {
        var state = DialogStates.Full();

        Assert.True(await States.TrySaveAsync(Key("a"), state, 0));

        var stored = await States.LoadAsync(Key("a"));
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        DialogStates.AssertEqual(state, stored.State);
    }

    [StoreFact]
    public async Task Each_save_moves_the_version_on_by_one()
    {
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("need"), 0));
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("data-changed"), 1));
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("change"), 2));

        var stored = await States.LoadAsync(Key("a"));
        Assert.Equal(3, stored!.Version);
        Assert.Equal("change", stored.State.StepId);
    }

    [StoreFact]
    public async Task A_save_with_a_stale_version_fails_and_leaves_the_stored_state_as_it_was()
    {
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("need"), 0));
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("data-changed"), 1));

        Assert.False(await States.TrySaveAsync(Key("a"), StateAt("stale-from-v1"), 1));
        Assert.False(await States.TrySaveAsync(Key("a"), StateAt("stale-first-save"), 0));

        var stored = await States.LoadAsync(Key("a"));
        Assert.Equal(2, stored!.Version);
        Assert.Equal("data-changed", stored.State.StepId);
    }

    [StoreFact]
    public async Task A_save_expecting_a_version_of_a_conversation_never_saved_fails()
    {
        Assert.False(await States.TrySaveAsync(Key("a"), StateAt("need"), 3));

        Assert.Null(await States.LoadAsync(Key("a")));
    }

    [StoreFact]
    public async Task Conversations_are_stored_apart()
    {
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("need"), 0));
        Assert.True(await States.TrySaveAsync(Key("b"), StateAt("change"), 0));

        Assert.Equal("need", (await States.LoadAsync(Key("a")))!.State.StepId);
        Assert.Equal("change", (await States.LoadAsync(Key("b")))!.State.StepId);
    }

    [StoreFact]
    public async Task Of_20_concurrent_saves_expecting_the_same_version_exactly_one_wins_each_round()
    {
        const int savers = 20;
        for (var version = 0L; version < 3; version++)
        {
            var expected = version;
            var attempts = Enumerable.Range(0, savers).Select(i => Task.Run(async () =>
                (Saver: i, Won: await States.TrySaveAsync(Key("contended"), StateAt($"saver-{i}"), expected)))).ToList();
            var outcomes = await Task.WhenAll(attempts);

            var winner = Assert.Single(outcomes, o => o.Won);
            var stored = await States.LoadAsync(Key("contended"));
            Assert.Equal(version + 1, stored!.Version);
            Assert.Equal($"saver-{winner.Saver}", stored.State.StepId);
        }
    }

    [StoreFact]
    public async Task Two_hundred_concurrent_turns_over_ten_conversations_through_the_runner_lose_no_update()
    {
        const int conversations = 10;
        const int turnsEach = 20;
        // Retries effectively without bound, so that how busy the machine is cannot decide the outcome: the test is
        // that no saved turn is ever overwritten. Giving up after a bound is the runner's own unit test.
        var untilSaved = new TurnRetryPolicy(MaxAttempts: 1_000, FirstDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(200));
        var runner = new ConversationTurnRunner(
            AppendToHistory, States, Storage.AnalyticsSink, TimeProvider.System, NullLogger<ConversationTurnRunner>.Instance, untilSaved);

        var turns = from turn in Enumerable.Range(0, turnsEach)
                    from conversation in Enumerable.Range(0, conversations)
                    select Task.Run(() => runner.RunAsync(Key($"conversation-{conversation}"), Utterance.FromText($"turn-{turn}")));
        var results = await Task.WhenAll(turns.ToList());

        Assert.DoesNotContain(results, r => r.Replies.Contains(ConversationTurnRunner.BusyReply));
        for (var conversation = 0; conversation < conversations; conversation++)
        {
            var stored = await States.LoadAsync(Key($"conversation-{conversation}"));
            Assert.Equal(turnsEach, stored!.Version);
            Assert.Equal(
                Enumerable.Range(0, turnsEach).Select(t => $"turn-{t}").Order(StringComparer.Ordinal),
                stored.State.History.Order(StringComparer.Ordinal));
        }
    }

    [StoreFact]
    public async Task Purge_removes_only_state_last_saved_before_the_cutoff()
    {
        Assert.True(await States.TrySaveAsync(Key("old"), StateAt("need"), 0));
        Assert.True(await States.TrySaveAsync(Key("touched"), StateAt("need"), 0));
        Time.Advance(TimeSpan.FromHours(2));
        Assert.True(await States.TrySaveAsync(Key("touched"), StateAt("change"), 1));
        Assert.True(await States.TrySaveAsync(Key("new"), StateAt("need"), 0));

        var purged = await States.PurgeAsync(Time.GetUtcNow() - TimeSpan.FromHours(1));

        Assert.Equal(1, purged);
        Assert.Null(await States.LoadAsync(Key("old")));
        Assert.Equal("change", (await States.LoadAsync(Key("touched")))!.State.StepId);
        Assert.NotNull(await States.LoadAsync(Key("new")));
    }

    [StoreFact]
    public async Task A_purged_conversation_starts_again_from_version_0()
    {
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("need"), 0));
        Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await States.PurgeAsync(Time.GetUtcNow() - TimeSpan.FromDays(1)));

        Assert.False(await States.TrySaveAsync(Key("a"), StateAt("change"), 1));
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("change"), 0));
    }

    [StoreFact]
    public async Task A_reachable_store_is_healthy()
    {
        Assert.True(await States.IsHealthyAsync());
    }

    // ---- Store failures seen through the turn runner ----

    [StoreFact]
    public async Task When_saving_fails_the_seller_is_asked_to_try_again_the_stored_state_is_untouched_and_the_next_turn_works()
    {
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("need") with { History = ["earlier"] }, 0));
        var faulty = DelegatingTo(States);
        faulty.Setup(s => s.TrySaveAsync(It.IsAny<ConversationKey>(), It.IsAny<DialogState>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("disk full"));
        var runner = new ConversationTurnRunner(
            AppendToHistory, faulty.Object, Storage.AnalyticsSink, TimeProvider.System, NullLogger<ConversationTurnRunner>.Instance);

        var failed = await runner.RunAsync(Key("a"), Utterance.FromText("lost"));

        Assert.Equal([ConversationTurnRunner.UnavailableReply], failed.Replies);
        var untouched = await States.LoadAsync(Key("a"));
        Assert.Equal(1, untouched!.Version);
        Assert.Equal(["earlier"], untouched.State.History);

        faulty.Setup(s => s.TrySaveAsync(It.IsAny<ConversationKey>(), It.IsAny<DialogState>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .Returns((ConversationKey key, DialogState state, long version, CancellationToken ct) => States.TrySaveAsync(key, state, version, ct));
        var recovered = await runner.RunAsync(Key("a"), Utterance.FromText("retried"));

        Assert.DoesNotContain(ConversationTurnRunner.UnavailableReply, recovered.Replies);
        var stored = await States.LoadAsync(Key("a"));
        Assert.Equal(2, stored!.Version);
        Assert.Equal(["earlier", "retried"], stored.State.History);
    }

    [StoreFact]
    public async Task When_loading_fails_the_seller_is_asked_to_try_again_nothing_is_saved_and_the_next_turn_works()
    {
        Assert.True(await States.TrySaveAsync(Key("a"), StateAt("need") with { History = ["earlier"] }, 0));
        var faulty = DelegatingTo(States);
        faulty.Setup(s => s.LoadAsync(It.IsAny<ConversationKey>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database did not answer"));
        var runner = new ConversationTurnRunner(
            AppendToHistory, faulty.Object, Storage.AnalyticsSink, TimeProvider.System, NullLogger<ConversationTurnRunner>.Instance);

        var failed = await runner.RunAsync(Key("a"), Utterance.FromText("lost"));

        Assert.Equal([ConversationTurnRunner.UnavailableReply], failed.Replies);
        faulty.Verify(s => s.TrySaveAsync(It.IsAny<ConversationKey>(), It.IsAny<DialogState>(), It.IsAny<long>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(["earlier"], (await States.LoadAsync(Key("a")))!.State.History);

        faulty.Setup(s => s.LoadAsync(It.IsAny<ConversationKey>(), It.IsAny<CancellationToken>()))
            .Returns((ConversationKey key, CancellationToken ct) => States.LoadAsync(key, ct));
        await runner.RunAsync(Key("a"), Utterance.FromText("retried"));

        Assert.Equal(["earlier", "retried"], (await States.LoadAsync(Key("a")))!.State.History);
    }

    // ---- Conversation references ----

    [StoreFact]
    public async Task References_are_listed_per_channel_and_scope_by_display_name_then_id()
    {
        var references = Storage.References;
        await references.UpsertAsync(Reference("teams", "tenant-1", "19:b", "Deals EMEA"));
        await references.UpsertAsync(Reference("teams", "tenant-1", "19:a", "Deals AMER"));
        await references.UpsertAsync(Reference("teams", "tenant-1", "19:c", "Deals AMER"));
        await references.UpsertAsync(Reference("teams", "tenant-2", "19:d", "Other tenant"));
        await references.UpsertAsync(Reference("slack", "tenant-1", "C1", "Same scope, other channel"));

        var listed = await references.ListAsync("teams", "tenant-1");

        Assert.Equal(["19:a", "19:c", "19:b"], listed.Select(r => r.Id));
        Assert.Equal(Reference("teams", "tenant-1", "19:a", "Deals AMER"), listed[0]);
    }

    [StoreFact]
    public async Task Upserting_a_reference_with_the_same_channel_and_id_replaces_it()
    {
        var references = Storage.References;
        await references.UpsertAsync(Reference("slack", "T1", "C1", "deals"));
        var renamed = Reference("slack", "T1", "C1", "deals-emea") with
        {
            ReferenceJson = """{"channel":"C1","renamed":true}""",
            UpdatedAt = Time.GetUtcNow().AddHours(1),
        };

        await references.UpsertAsync(renamed);

        Assert.Equal([renamed], await references.ListAsync("slack", "T1"));
    }

    [StoreFact]
    public async Task Removing_a_reference_removes_only_that_one()
    {
        var references = Storage.References;
        await references.UpsertAsync(Reference("slack", "T1", "C1", "one"));
        await references.UpsertAsync(Reference("slack", "T1", "C2", "two"));

        await references.RemoveAsync("slack", "C1");
        await references.RemoveAsync("slack", "never-added");

        Assert.Equal(["C2"], (await references.ListAsync("slack", "T1")).Select(r => r.Id));
    }

    // ---- Analytics ----

    [StoreFact]
    public async Task Top_subjects_count_events_of_the_asked_kinds_since_the_time_grouping_case_and_spacing()
    {
        var start = Time.GetUtcNow();
        await Storage.AnalyticsSink.RecordAsync(
        [
            new AnalyticsEvent(AnalyticsKind.Lookup, "too old", start.AddDays(-8)),
            new AnalyticsEvent(AnalyticsKind.Lookup, "fine-tune", start, "phrase-1"),
            new AnalyticsEvent(AnalyticsKind.Lookup, "  Fine-Tune ", start.AddHours(1), "phrase-1"),
            new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "fine-tune", start.AddHours(2)),
            new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "vector   database", start.AddHours(3)),
            new AnalyticsEvent(AnalyticsKind.Recommendation, "rag", start.AddHours(4), "rule-3"),
        ]);
        var since = start.AddDays(-7);

        var searches = await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.Lookup, AnalyticsKind.NoMatchLookup], since, 10);
        var noMatch = await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.NoMatchLookup], since, 10);

        Assert.Equal([new SubjectCount("fine-tune", 3), new SubjectCount("vector database", 1)], searches);
        Assert.Equal([new SubjectCount("fine-tune", 1), new SubjectCount("vector database", 1)], noMatch);
    }

    [StoreFact]
    public async Task Top_subjects_are_most_frequent_first_ties_in_ordinal_order_and_limited()
    {
        var at = Time.GetUtcNow();
        string[] subjects = ["b", "a", "c", "c", "d", "Zed", "a", "c"];
        await Storage.AnalyticsSink.RecordAsync(subjects.Select(s => new AnalyticsEvent(AnalyticsKind.Lookup, s, at)).ToList());

        var top = await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.Lookup], at, 4);

        Assert.Equal([new SubjectCount("c", 3), new SubjectCount("a", 2), new SubjectCount("b", 1), new SubjectCount("d", 1)], top);
    }

    [StoreFact]
    public async Task A_batch_of_fifteen_hundred_events_is_recorded_whole_in_one_call()
    {
        var at = Time.GetUtcNow();
        var events = Enumerable.Range(0, 1_500)
            .Select(i => i % 3 == 0
                ? new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "no such thing", at)
                : new AnalyticsEvent(AnalyticsKind.Lookup, $"query {i % 2}", at.AddSeconds(i), "phrase-" + i))
            .ToList();

        await Storage.AnalyticsSink.RecordAsync(events);

        Assert.Equal(
            [new SubjectCount("query 0", 500), new SubjectCount("query 1", 500)],
            await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.Lookup], at, 10));
        Assert.Equal([new SubjectCount("no such thing", 500)], await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.NoMatchLookup], at, 10));
    }

    [StoreFact]
    public async Task An_event_counts_as_often_as_it_happened_and_adds_up_with_single_events_of_its_subject()
    {
        var at = Time.GetUtcNow();
        await Storage.AnalyticsSink.RecordAsync(
        [
            new AnalyticsEvent(AnalyticsKind.Lookup, "rag", at, "phrase-1", Occurrences: 3),
            new AnalyticsEvent(AnalyticsKind.Lookup, "lora", at, Occurrences: 2),
            new AnalyticsEvent(AnalyticsKind.Lookup, "rag", at.AddMinutes(-1), "phrase-1", Occurrences: 50),
        ]);

        Assert.Equal(
            [new SubjectCount("rag", 3), new SubjectCount("lora", 2)],
            await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.Lookup], at, 10));

        // Later writes of the same subject, folded or not, in other spellings and kinds.
        await Storage.AnalyticsSink.RecordAsync(
        [
            new AnalyticsEvent(AnalyticsKind.Lookup, " RAG ", at.AddMinutes(1), "phrase-1"),
            new AnalyticsEvent(AnalyticsKind.Lookup, "rag", at.AddMinutes(2), "phrase-2"),
            new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "Rag", at.AddMinutes(3), Occurrences: 4),
        ]);

        Assert.Equal(
            [new SubjectCount("rag", 5), new SubjectCount("lora", 2)],
            await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.Lookup], at, 10));
        Assert.Equal(
            [new SubjectCount("rag", 9), new SubjectCount("lora", 2)],
            await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.Lookup, AnalyticsKind.NoMatchLookup], at, 10));
        Assert.Equal(
            [new SubjectCount("rag", 59), new SubjectCount("lora", 2)],
            await Storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.Lookup, AnalyticsKind.NoMatchLookup], at.AddMinutes(-1), 10));
    }

    [StoreFact]
    public async Task The_report_is_built_from_the_stored_events_of_the_period()
    {
        var now = Time.GetUtcNow();
        await Storage.AnalyticsSink.RecordAsync(
        [
            new AnalyticsEvent(AnalyticsKind.Lookup, "hallucination", now.AddDays(-1), "phrase-7"),
            new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "lora adapters", now.AddDays(-2)),
            new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "last month", now.AddDays(-30)),
            new AnalyticsEvent(AnalyticsKind.Recommendation, "rag", now.AddHours(-3), "rule-1"),
        ]);

        var report = await AnalyticsReport.BuildAsync(Storage.AnalyticsReader, TimeSpan.FromDays(7), Time);

        Assert.Equal(now.AddDays(-7), report.Since);
        Assert.Equal([new SubjectCount("hallucination", 1), new SubjectCount("lora adapters", 1)], report.TopSearches);
        Assert.Equal([new SubjectCount("lora adapters", 1)], report.NoMatchSearches);
        Assert.Equal([new SubjectCount("rag", 1)], report.Recommendations);
    }

    private static ConversationKey Key(string name) => new($"test:{name}");

    private static DialogState StateAt(string stepId) => new() { DialogId = "qualify", StepId = stepId };

    private ConversationReferenceRecord Reference(string channel, string scope, string id, string displayName) =>
        new(channel, scope, id, displayName, $$$"""{"conversation":{"id":"{{{id}}}"}}""", Time.GetUtcNow());

    /// <summary>A turn that appends the seller's text to the history, so a lost update shows as a missing entry.</summary>
    private static Task<TurnResult> AppendToHistory(DialogState state, Utterance utterance, CancellationToken cancellationToken) =>
        Task.FromResult(AppendedToHistory(state, utterance));

    private static TurnResult AppendedToHistory(DialogState state, Utterance utterance) =>
        new(state with { History = [.. state.History, utterance.Text!] }, [new TextReply("noted")], []);

    private static Mock<IConversationStateStore> DelegatingTo(IConversationStateStore store)
    {
        var mock = new Mock<IConversationStateStore>(MockBehavior.Strict);
        mock.Setup(s => s.LoadAsync(It.IsAny<ConversationKey>(), It.IsAny<CancellationToken>()))
            .Returns((ConversationKey key, CancellationToken ct) => store.LoadAsync(key, ct));
        mock.Setup(s => s.TrySaveAsync(It.IsAny<ConversationKey>(), It.IsAny<DialogState>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .Returns((ConversationKey key, DialogState state, long version, CancellationToken ct) => store.TrySaveAsync(key, state, version, ct));
        return mock;
    }
}
