using CoachBot.Storage.Tests.Infrastructure;

namespace CoachBot.Storage.Tests.Contract;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly TemporaryFolder _folder = new();

    protected override Task<StorageOptions> CreateOptionsAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = _folder.PathOf("data", "coachbot.db") });

    protected override ValueTask CleanUpAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
