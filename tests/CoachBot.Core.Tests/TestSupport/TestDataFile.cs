using YamlDotNet.RepresentationModel;

namespace CoachBot.Core.Tests.TestSupport;

/// <summary>Reads the labelled sets in TestData/ (copied next to the test binaries) as lists of string maps.</summary>
public static class TestDataFile
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadList(string fileName, string listKey)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", fileName))));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var items = (YamlSequenceNode)root[listKey];
        return [.. items.Children.Cast<YamlMappingNode>().Select(item => (IReadOnlyDictionary<string, string>)item.Children
            .ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value ?? ""))];
    }
}
