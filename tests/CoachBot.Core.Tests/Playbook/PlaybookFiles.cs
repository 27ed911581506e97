using CoachBot.Core.Playbook;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Core.Tests.Playbook;

/// <summary>The shipped dialogs/ folder, and throw-away copies of it with one thing broken.</summary>
internal static class PlaybookFiles
{
    /// <summary>A date before every shipped review date, so the shipped playbook has no warnings on it.</summary>
    public static readonly DateOnly BeforeReviews = new(2026, 6, 1);

    public static string ShippedDirectory { get; } = RepositoryFiles.Path("dialogs");

    public static FakeTimeProvider ClockAt(DateOnly date) =>
        new(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

}

/// <summary>A copy of the shipped playbook in a temporary folder, edited by exact text replacement.</summary>
internal sealed class TempPlaybook : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "coachbot-playbook-" + Guid.NewGuid().ToString("N"));

    public TempPlaybook(bool copyShipped = true)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (copyShipped)
            foreach (var file in System.IO.Directory.GetFiles(PlaybookFiles.ShippedDirectory, "*.yaml"))
                File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
    }

    /// <summary>Replaces text that must occur exactly once, so a content edit cannot silently void a test.</summary>
    public TempPlaybook Replace(string file, string oldText, string newText)
    {
        var path = Path.Combine(Directory, file);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldText}' not found in {file}");
        Assert.True(text.IndexOf(oldText, at + 1, StringComparison.Ordinal) < 0, $"'{oldText}' occurs more than once in {file}");
        File.WriteAllText(path, text[..at] + newText + text[(at + oldText.Length)..]);
        return this;
    }

    public TempPlaybook Write(string file, string text)
    {
        File.WriteAllText(Path.Combine(Directory, file), text);
        return this;
    }

    public TempPlaybook Append(string file, string text)
    {
        File.AppendAllText(Path.Combine(Directory, file), text);
        return this;
    }

    /// <summary>The 1-based line of the only line containing <paramref name="marker"/>.</summary>
    public int LineOf(string file, string marker)
    {
        var hits = LinesOf(file, marker);
        Assert.True(hits.Count == 1, $"'{marker}' is on {hits.Count} lines of {file}; the test needs exactly one");
        return hits[0];
    }

    /// <summary>The 1-based lines containing <paramref name="marker"/>, or, with <paramref name="whole"/>, equal to it once trimmed.</summary>
    public IReadOnlyList<int> LinesOf(string file, string marker, bool whole = false) =>
        File.ReadAllLines(Path.Combine(Directory, file))
            .Select((line, i) => (Hit: whole ? line.Trim() == marker : line.Contains(marker, StringComparison.Ordinal), Line: i + 1))
            .Where(x => x.Hit).Select(x => x.Line).ToList();

    public PlaybookValidationReport Validate(DateOnly? today = null) =>
        PlaybookLoader.Validate(Directory, PlaybookFiles.ClockAt(today ?? PlaybookFiles.BeforeReviews));

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
