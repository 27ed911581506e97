using CoachBot.Storage.Tests.Infrastructure;

namespace CoachBot.Storage.Tests.Contract;

[RequiresPostgres]
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private PostgresTestDatabase? _database;

    protected override async Task<StorageOptions> CreateOptionsAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = _database.ConnectionString };
    }

    protected override ValueTask CleanUpAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
