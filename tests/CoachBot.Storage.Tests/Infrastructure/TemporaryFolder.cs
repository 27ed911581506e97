using Microsoft.Data.Sqlite;

namespace CoachBot.Storage.Tests.Infrastructure;

/// <summary>A folder of its own for one test, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Path = Directory.CreateTempSubdirectory("coachbot-storage-tests-").FullName;

    public string Path { get; }

    public string PathOf(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        // Pooled SQLite connections keep the database files open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
