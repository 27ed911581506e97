namespace CoachBot.TestSupport;

/// <summary>
/// Files of this repository (manifests, the playbook, the conformance oracles in tests/conformance), found by
/// walking up from the test binaries to the folder that holds CoachBot.sln. The walk stops there: a test never
/// reads anything outside the clone.
/// </summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The clone's top folder (where CoachBot.sln is).</summary>
    public static string Root => RootFolder.Value;

    /// <summary>A path under the clone's top folder.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A path under tests/conformance, the official schemas and source text the tests check against.</summary>
    public static string Conformance(params string[] parts) => System.IO.Path.Combine([Root, "tests", "conformance", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CoachBot.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No CoachBot.sln above {AppContext.BaseDirectory}: the tests run from inside the clone.");
    }
}
