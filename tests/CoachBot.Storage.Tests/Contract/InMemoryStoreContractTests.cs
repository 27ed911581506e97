namespace CoachBot.Storage.Tests.Contract;

public sealed class InMemoryStoreContractTests : StoreContractTests
{
    protected override Task<StorageOptions> CreateOptionsAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProvider.Memory });

    protected override ValueTask CleanUpAsync() => ValueTask.CompletedTask;
}
