namespace CoachBot.Slack.Tests.Fakes;

/// <summary>The Slack files the tests check: the app manifest and Slack's manifest schemas (tests/conformance/slack).</summary>
public static class RepositoryPaths
{
    public static string SlackConformance => RepositoryFiles.Conformance("slack");
    public static string SlackManifest => RepositoryFiles.Path("manifests", "slack", "manifest.json");
}
