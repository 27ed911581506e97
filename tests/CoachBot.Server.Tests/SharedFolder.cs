namespace CoachBot.Server.Tests;

/// <summary>
/// The project's shared folder (conformance schemas). It sits beside the clone (&lt;clone&gt;/../shared) in CI and
/// in the workspace, so it is found by walking up from the test binaries.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "conformance"))) return candidate;
        }
        throw new DirectoryNotFoundException($"No folder 'shared/conformance' found above {AppContext.BaseDirectory}; the shared folder must sit beside the clone.");
    }
}
