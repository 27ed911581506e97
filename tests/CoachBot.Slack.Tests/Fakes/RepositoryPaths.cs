namespace CoachBot.Slack.Tests.Fakes;

/// <summary>Finds repository files and the shared conformance folder by walking up from the test binaries.</summary>
public static class RepositoryPaths
{
    /// <summary>The first ancestor of the test output that contains <paramref name="relativePath"/>.</summary>
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"'{relativePath}' was not found above {AppContext.BaseDirectory}.");
    }

    public static string SlackConformance => Find(Path.Combine("shared", "conformance", "slack"));
    public static string SlackManifest => Find(Path.Combine("manifests", "slack", "manifest.json"));
}
