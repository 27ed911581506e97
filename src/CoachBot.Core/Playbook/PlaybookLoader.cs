using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CoachBot.Core.Playbook;

/// <summary>
/// Reads the playbook (dialogs/*.yaml) from a folder or from the copy embedded in this assembly, and refuses
/// it with every problem listed (file, line, message) unless it is complete and consistent.
/// Each file holds one or more top-level lists (sources, approaches, phrases, ...); files are read in name
/// order and lists of the same kind are joined.
/// </summary>
public static partial class PlaybookLoader
{
    private const string EmbeddedPrefix = "dialogs/";
    private const string FilePattern = "*.yaml";

    // Keys that may legitimately be left empty; an empty value anywhere else is a mistake worth a line number.
    private static readonly HashSet<string> OptionalKeys = ["alsoConsider", "caveat", "question"];

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithNodeTypeResolver(new ReadOnlyCollectionTypeResolver())
        .Build();

    /// <summary>Loads and validates every *.yaml file in <paramref name="directory"/>.</summary>
    /// <exception cref="PlaybookValidationException">The playbook has errors.</exception>
    public static PlaybookContent LoadDirectory(string directory) => ContentOrThrow(Validate(directory));

    /// <summary>Loads and validates the playbook shipped inside CoachBot.Core.</summary>
    /// <exception cref="PlaybookValidationException">The playbook has errors.</exception>
    public static PlaybookContent LoadEmbedded() => ContentOrThrow(ValidateEmbedded());

    /// <summary>
    /// Validates every *.yaml file in <paramref name="directory"/> without throwing. Warnings (such as phrases
    /// past their review date) are judged against <paramref name="clock"/>'s date, the system clock by default.
    /// </summary>
    public static PlaybookValidationReport Validate(string directory, TimeProvider? clock = null)
    {
        if (!Directory.Exists(directory))
            return Failed(new PlaybookError(directory, 0, "the playbook folder does not exist"));

        var files = new List<PlaybookFile>();
        foreach (var path in Directory.GetFiles(directory, FilePattern).Order(StringComparer.Ordinal))
        {
            try
            {
                files.Add(new PlaybookFile(Path.GetFileName(path), File.ReadAllText(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Failed(new PlaybookError(Path.GetFileName(path), 0, $"cannot be read: {e.Message}"));
            }
        }
        if (files.Count == 0)
            return Failed(new PlaybookError(directory, 0, $"the playbook folder has no {FilePattern} files"));
        return Validate(files, Today(clock));
    }

    /// <summary>Validates the playbook shipped inside CoachBot.Core without throwing.</summary>
    public static PlaybookValidationReport ValidateEmbedded(TimeProvider? clock = null)
    {
        var assembly = typeof(PlaybookLoader).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(EmbeddedPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new PlaybookFile(name[EmbeddedPrefix.Length..], ReadResource(assembly, name)))
            .ToList();
        return Validate(files, Today(clock));
    }

    internal static PlaybookValidationReport Validate(IReadOnlyList<PlaybookFile> files, DateOnly today)
    {
        var errors = new List<PlaybookError>();
        var parsed = new List<(PlaybookFile File, YamlMappingNode? Root, PlaybookContent Content)>();
        foreach (var file in files)
        {
            var (root, content) = Parse(file, errors);
            parsed.Add((file, root, content));
        }
        // Semantic checks on a partly parsed playbook would only bury the real error under consequences.
        if (errors.Count > 0)
            return new PlaybookValidationReport(errors, [], null);

        var playbook = LocatedPlaybook.Join(parsed.Select(p => (p.File.Name, p.Root, p.Content)));
        var (semanticErrors, warnings) = PlaybookValidator.Check(playbook, today);
        return new PlaybookValidationReport(semanticErrors, warnings, semanticErrors.Count == 0 ? playbook.Content : null);
    }

    private static (YamlMappingNode? Root, PlaybookContent Content) Parse(PlaybookFile file, List<PlaybookError> errors)
    {
        var stream = new YamlStream();
        var parser = new MarkTrackingParser(new Parser(new StringReader(file.Text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            errors.Add(new PlaybookError(file.Name, (int)e.Start.Line, Describe(e)));
            return (null, new PlaybookContent());
        }
        catch (InvalidOperationException e)
        {
            // Some malformed input (an unclosed flow sequence) makes YamlDotNet's scanner fail without a mark;
            // the last event it did read is where the damage starts.
            errors.Add(new PlaybookError(file.Name, parser.LastLine,
                $"the YAML cannot be parsed from here on (is a bracket or quote left open?): {e.Message}"));
            return (null, new PlaybookContent());
        }

        if (stream.Documents.Count == 0)
            return (null, new PlaybookContent());
        if (stream.Documents.Count > 1)
        {
            errors.Add(new PlaybookError(file.Name, (int)stream.Documents[1].RootNode.Start.Line,
                "a playbook file holds one YAML document; remove the second '---' section"));
            return (null, new PlaybookContent());
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            errors.Add(new PlaybookError(file.Name, (int)root.Start.Line,
                "the file must be a mapping of lists (sources:, approaches:, phrases:, ...)"));
            return (null, new PlaybookContent());
        }

        var errorsBefore = errors.Count;
        FindEmptyValues(file.Name, mapping, errors);
        if (errors.Count > errorsBefore)
            return (null, new PlaybookContent());

        try
        {
            return (mapping, Deserializer.Deserialize<PlaybookContent>(file.Text) ?? new PlaybookContent());
        }
        catch (YamlException e)
        {
            errors.Add(new PlaybookError(file.Name, (int)e.Start.Line, Describe(e)));
            return (null, new PlaybookContent());
        }
    }

    /// <summary>Reports values left empty (key with nothing after it, ~, null), which would load as nulls.</summary>
    private static void FindEmptyValues(string file, YamlNode node, List<PlaybookError> errors)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    if (IsEmpty(value))
                    {
                        if (!OptionalKeys.Contains(name))
                            errors.Add(new PlaybookError(file, (int)key.Start.Line, $"'{name}' has no value"));
                    }
                    else
                    {
                        FindEmptyValues(file, value, errors);
                    }
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (IsEmpty(item))
                        errors.Add(new PlaybookError(file, (int)item.Start.Line, "a list item has no value"));
                    else
                        FindEmptyValues(file, item, errors);
                }
                break;
        }
    }

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode scalar
        && ((scalar.Tag.IsGlobal && scalar.Tag.Value == "tag:yaml.org,2002:null")
            || (scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL"));

    /// <summary>
    /// YamlDotNet prefixes messages with the marks we report separately and wraps conversion failures; keep the
    /// words that say what is wrong, in the author's terms rather than .NET type names.
    /// </summary>
    private static string Describe(YamlException e)
    {
        var message = MarkPrefix().Replace(e.Message, "");
        if (e.InnerException is { } inner)
            message = MarkPrefix().Replace(inner.GetBaseException().Message, "");
        return UnknownProperty().Replace(message, "'$1' is not a field of $2 (keys are camelCase, as in the shipped files)");
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    [GeneratedRegex(@"Property '(.+)' not found on type '(?:.+\.)?(\w+)'\.")]
    private static partial Regex UnknownProperty();

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static DateOnly Today(TimeProvider? clock) =>
        DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);

    private static PlaybookValidationReport Failed(PlaybookError error) => new([error], [], null);

    private static PlaybookContent ContentOrThrow(PlaybookValidationReport report) =>
        report.Content ?? throw new PlaybookValidationException(report.Errors);
}

/// <summary>One playbook file: its name (for error messages) and its text.</summary>
internal sealed record PlaybookFile(string Name, string Text);

/// <summary>Remembers where the parser last got to, for failures that carry no position of their own.</summary>
internal sealed class MarkTrackingParser(IParser inner) : IParser
{
    public int LastLine { get; private set; } = 1;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
            LastLine = (int)current.Start.Line;
        return moved;
    }
}
