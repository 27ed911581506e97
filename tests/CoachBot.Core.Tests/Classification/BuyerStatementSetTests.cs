using CoachBot.Core.Classification;
using CoachBot.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace CoachBot.Core.Tests.Classification;

/// <summary>The labelled buyer statements (TestData/buyer-statements.yaml).</summary>
public class BuyerStatementSetTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Statements =
        TestDataFile.ReadList("buyer-statements.yaml", "statements");

    [Fact]
    public void The_set_covers_every_need_with_enough_statements()
    {
        Assert.True(Statements.Count >= 45, $"{Statements.Count} statements");
        foreach (var need in (string[])["behavior", "knowledge", "both", "train", "unclear"])
            Assert.Contains(Statements, s => s["need"] == need);
        Assert.Contains(Statements, s => s.ContainsKey("dataChanged"));
        Assert.Contains(Statements, s => s.ContainsKey("change"));
    }

    [Fact]
    public void Need_and_stated_answers_are_right_for_at_least_90_percent_of_statements()
    {
        var classifier = new NeedClassifier();
        var misses = new List<string>();
        foreach (var statement in Statements)
        {
            var result = classifier.Classify(statement["text"]);
            var expected = Describe(statement["need"], statement.GetValueOrDefault("dataChanged"), statement.GetValueOrDefault("change"));
            var actual = Describe(result.Need.ToString().ToLowerInvariant(),
                result.InferredAnswers.GetValueOrDefault("data-changed"), result.InferredAnswers.GetValueOrDefault("change"));
            if (expected != actual)
                misses.Add($"'{statement["text"]}': expected {expected}, got {actual} [{string.Join("; ", result.Signals)}]");
        }
        foreach (var miss in misses)
            output.WriteLine(miss);

        var accuracy = 1.0 - (double)misses.Count / Statements.Count;
        Assert.True(accuracy >= 0.90, $"accuracy {accuracy:P1}; misses:\n{string.Join('\n', misses)}");
    }

    private static string Describe(string need, string? dataChanged, string? change) =>
        $"need={need} data-changed={dataChanged ?? "-"} change={change ?? "-"}";
}
