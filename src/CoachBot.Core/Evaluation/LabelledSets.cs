using YamlDotNet.RepresentationModel;

namespace CoachBot.Core.Evaluation;

/// <summary>A seller's look-up and the answer a coach should lead with: a phrase id, glossary:&lt;id&gt;, analogy:&lt;id&gt; or none.</summary>
public sealed record LabelledQuery(string Query, string Expect);

/// <summary>A buyer statement and the reading a coach should make of it (null where the statement says nothing).</summary>
public sealed record LabelledStatement(string Text, string Need, string? DataChanged, string? Change);

/// <summary>One labelled set: look-ups (a `queries:` list) or buyer statements (a `statements:` list).</summary>
public sealed record LabelledSet(string Name, IReadOnlyList<LabelledQuery> Queries, IReadOnlyList<LabelledStatement> Statements);

/// <summary>Reads labelled sets (the YAML kept in tests/CoachBot.Core.Tests/TestData and its heldout/ folder).</summary>
public static class LabelledSets
{
    /// <exception cref="FormatException">The text is not a labelled set; the message says what is wrong.</exception>
    public static LabelledSet Parse(string name, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{name}: not valid YAML ({e.Start.Line}:{e.Start.Column}: {e.Message})", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{name}: expected a mapping with a `queries:` or `statements:` list");

        var queries = new List<LabelledQuery>();
        var statements = new List<LabelledStatement>();
        if (Items(root, "queries") is { } queryItems)
        {
            foreach (var item in queryItems)
                queries.Add(new LabelledQuery(Required(name, item, "query"), Required(name, item, "expect")));
        }
        if (Items(root, "statements") is { } statementItems)
        {
            foreach (var item in statementItems)
            {
                statements.Add(new LabelledStatement(Required(name, item, "text"), Required(name, item, "need"),
                    Optional(item, "dataChanged"), Optional(item, "change")));
            }
        }
        if (queries.Count == 0 && statements.Count == 0)
            throw new FormatException($"{name}: expected a non-empty `queries:` or `statements:` list");
        return new LabelledSet(name, queries, statements);
    }

    private static IEnumerable<YamlMappingNode>? Items(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode list
            ? list.Children.OfType<YamlMappingNode>()
            : null;

    private static string Required(string name, YamlMappingNode item, string key) =>
        Optional(item, key) is { Length: > 0 } value
            ? value
            : throw new FormatException($"{name}:{item.Start.Line}: the item has no `{key}`");

    private static string? Optional(YamlMappingNode item, string key) =>
        item.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } value } ? value : null;
}
