using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Storage.Tests.Sql;

public sealed class SqliteFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_first_use_creates_the_folders_and_the_database_file_in_WAL_mode()
    {
        var path = _folder.PathOf("not", "yet", "there", "coachbot.db");
        await using var storage = CoachBotStorage.Create(Options(path), TimeProvider.System);
        Assert.False(File.Exists(path));

        Assert.True(await storage.States.TrySaveAsync(new ConversationKey("test:a"), DialogState.Empty, 0));

        Assert.True(File.Exists(path));
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA journal_mode;", connection);
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task While_the_file_cannot_be_created_the_store_is_unhealthy_turns_ask_to_try_again_and_it_recovers_on_its_own()
    {
        // A plain file where the database folder should be: nothing can be created below it.
        var blocker = _folder.PathOf("data");
        await File.WriteAllTextAsync(blocker, "in the way");
        await using var storage = CoachBotStorage.Create(Options(Path.Combine(blocker, "coachbot.db")), TimeProvider.System);
        var runner = new ConversationTurnRunner(
            (state, utterance, _) => Task.FromResult(new TurnResult(state with { History = [.. state.History, utterance.Text!] }, [], [])),
            storage.States, storage.AnalyticsSink, TimeProvider.System, NullLogger<ConversationTurnRunner>.Instance);

        Assert.False(await storage.States.IsHealthyAsync());
        var failed = await runner.RunAsync(new ConversationKey("test:a"), Utterance.FromText("first"));
        Assert.Equal([ConversationTurnRunner.UnavailableReply], failed.Replies);

        File.Delete(blocker);

        Assert.True(await storage.States.IsHealthyAsync());
        await runner.RunAsync(new ConversationKey("test:a"), Utterance.FromText("second"));
        Assert.Equal(["second"], (await storage.States.LoadAsync(new ConversationKey("test:a")))!.State.History);
    }

    private static StorageOptions Options(string path) => new() { Provider = StorageProvider.Sqlite, SqlitePath = path };
}
