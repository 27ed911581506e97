using Microsoft.Data.Sqlite;

namespace CoachBot.Server.Tests.Durability;

/// <summary>A temporary folder for one test's database files, deleted on dispose.</summary>
public sealed class DurabilityFolder : IDisposable
{
    public DurabilityFolder() => Path = Directory.CreateTempSubdirectory("coachbot-durability-").FullName;

    public string Path { get; }

    public string PathOf(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        // Pooled SQLite connections of in-process servers keep the files open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
