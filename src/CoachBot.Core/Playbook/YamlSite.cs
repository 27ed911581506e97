using YamlDotNet.RepresentationModel;

namespace CoachBot.Core.Playbook;

/// <summary>
/// Where a piece of content sits in its YAML file, so semantic errors can name a line.
/// Navigating to a key that is absent stays at the enclosing mapping, whose line is the best place to point
/// the author at.
/// </summary>
internal sealed record YamlSite(string File, YamlNode Node)
{
    public int Line => (int)Node.Start.Line;

    /// <summary>The value under <paramref name="key"/> of this mapping, or this site when the key is absent.</summary>
    public YamlSite Value(string key) => TryValue(key) ?? this;

    /// <summary>The sites of every item of this sequence.</summary>
    public IReadOnlyList<YamlSite> Items() =>
        Node is YamlSequenceNode sequence
            ? sequence.Children.Select(child => this with { Node = child }).ToList()
            : [];

    /// <summary>The sites of every item of the sequence under <paramref name="key"/>.</summary>
    public IReadOnlyList<YamlSite> Items(string key) => TryValue(key)?.Items() ?? [];

    public PlaybookError Error(string message) => new(File, Line, message);

    private YamlSite? TryValue(string key) =>
        Node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? this with { Node = value }
            : null;
}
