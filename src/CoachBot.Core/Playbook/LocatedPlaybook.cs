using YamlDotNet.RepresentationModel;

namespace CoachBot.Core.Playbook;

/// <summary>
/// The joined playbook plus, for every entity, where it was written. Each site list runs parallel to the
/// content list of the same kind (the n-th phrase was read from the n-th phrase site), so the validator can
/// point at the exact entity even when two share an id.
/// </summary>
internal sealed class LocatedPlaybook
{
    public required PlaybookContent Content { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<YamlSite>> Sites { get; init; }
    /// <summary>The first top-level key of each kind ("rules:"), for problems that belong to a list as a whole.</summary>
    public required IReadOnlyDictionary<string, YamlSite> Lists { get; init; }

    public IReadOnlyList<YamlSite> SitesOf(string kind) => Sites.TryGetValue(kind, out var sites) ? sites : [];

    /// <summary>An error about a list as a whole, placed at its key (or at the playbook when the list is absent).</summary>
    public PlaybookError ListError(string kind, string message) =>
        Lists.TryGetValue(kind, out var list) ? list.Error(message) : new PlaybookError("(playbook)", 0, message);

    public static LocatedPlaybook Join(IEnumerable<(string File, YamlMappingNode? Root, PlaybookContent Content)> files)
    {
        var parts = files.ToList();
        var sites = new Dictionary<string, List<YamlSite>>();
        var lists = new Dictionary<string, YamlSite>();
        foreach (var (file, root, _) in parts)
        {
            if (root is null)
                continue;
            foreach (var (key, value) in root.Children)
            {
                var kind = ((YamlScalarNode)key).Value!;
                lists.TryAdd(kind, new YamlSite(file, key));
                var kindSites = sites.TryGetValue(kind, out var existing) ? existing : sites[kind] = [];
                if (value is YamlSequenceNode sequence)
                    kindSites.AddRange(sequence.Children.Select(item => new YamlSite(file, item)));
            }
        }

        var contents = parts.Select(p => p.Content).ToList();
        return new LocatedPlaybook
        {
            Content = new PlaybookContent
            {
                Sources = [.. contents.SelectMany(c => c.Sources)],
                Approaches = [.. contents.SelectMany(c => c.Approaches)],
                Analogies = [.. contents.SelectMany(c => c.Analogies)],
                Phrases = [.. contents.SelectMany(c => c.Phrases)],
                Questions = [.. contents.SelectMany(c => c.Questions)],
                Glossary = [.. contents.SelectMany(c => c.Glossary)],
                Rules = [.. contents.SelectMany(c => c.Rules)],
                Claims = [.. contents.SelectMany(c => c.Claims)],
                Disagreements = [.. contents.SelectMany(c => c.Disagreements)],
                Dialogs = [.. contents.SelectMany(c => c.Dialogs)],
                LookupExamples = [.. contents.SelectMany(c => c.LookupExamples)],
                NeedExamples = [.. contents.SelectMany(c => c.NeedExamples)],
                ChangeExamples = [.. contents.SelectMany(c => c.ChangeExamples)],
                DataChangedExamples = [.. contents.SelectMany(c => c.DataChangedExamples)],
                NeedCues = [.. contents.SelectMany(c => c.NeedCues)],
                RecencyCues = [.. contents.SelectMany(c => c.RecencyCues)],
                CueWords = [.. contents.SelectMany(c => c.CueWords)],
                Abbreviations = [.. contents.SelectMany(c => c.Abbreviations)],
            },
            Sites = sites.ToDictionary(s => s.Key, s => (IReadOnlyList<YamlSite>)s.Value),
            Lists = lists,
        };
    }
}
