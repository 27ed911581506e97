using CoachBot.Core.Lookup;

namespace CoachBot.Core.Tests.Lookup;

/// <summary>
/// The look-up's fitted reading on <see cref="HandMadeVectors"/>: the texts of "cost" lean +x and those of "security"
/// −x, but the query's nearest text is a "security" one. The closest texts say security; the fitted classifier reads
/// the +x lean as cost.
/// </summary>
public class FittedLookupTests
{
    private static readonly float[] Query = HandMadeVectors.Unit(0.25f, 0.97f, 0);

    private static string Answer(double fittedWeight)
    {
        var playbook = SamplePlaybook.Content();
        // One closest text per answer, and no threshold: hand-made similarities are far below real ones.
        var finder = new PhraseFinder(playbook, new PhraseIndex(playbook), HandMadeVectors.Examples("cost", "security"),
            new PhraseFinder.Settings { FittedWeight = fittedWeight, Neighbours = 1, Threshold = 0, ClosestFloor = 0 });

        var result = finder.Search("zzzz", Query);
        return Assert.Single(result.Matches.Take(1)).Phrase.Id;
    }

    [Fact]
    public void Similarity_alone_follows_the_nearest_text()
    {
        Assert.Equal("security", Answer(fittedWeight: 0));
    }

    [Fact]
    public void The_fitted_reading_weighs_the_direction_that_separates_the_answers()
    {
        Assert.Equal("cost", Answer(fittedWeight: 5));
    }
}

/// <summary>
/// The look-up's words reading on <see cref="HandMadeVectors"/>: the query's meaning is exactly a "security" text, but
/// its one word is the word of the "cost" texts. The words reading orders the answers; the card's floors are taken of
/// the scores without it, so the answer it overtakes is still listed.
/// </summary>
public class LookupWordsReadingTests
{
    private static readonly float[] NearestSecurityText = HandMadeVectors.Unit(-0.05f, 0.9987f, 0);

    private static LookupResult Search(double wordsWeight, float[]? meaning = null, double threshold = 0, double wordsCertainty = 2)
    {
        var playbook = SamplePlaybook.Content();
        // The words alone decide against the meaning: no lexical or fitted reading, no threshold unless given.
        var finder = new PhraseFinder(playbook, new PhraseIndex(playbook), HandMadeVectors.Examples("cost", "security"),
            new PhraseFinder.Settings
            {
                WordsWeight = wordsWeight, WordsCertainty = wordsCertainty, FittedWeight = 0, LexicalWeight = 0, Neighbours = 1,
                Threshold = threshold, ClosestFloor = 0,
            });
        return finder.Search("cost", meaning ?? NearestSecurityText);
    }

    [Fact]
    public void Without_the_words_the_meaning_decides()
    {
        Assert.Equal(["security"], Search(wordsWeight: 0).Matches.Select(m => m.Phrase.Id));
    }

    [Fact]
    public void The_words_reorder_the_answers_without_dropping_the_one_they_overtake()
    {
        var result = Search(wordsWeight: 5);

        Assert.Equal(["cost", "security"], result.Matches.Select(m => m.Phrase.Id));
        // The scores shown are the fit without the words: the overtaken answer still shows its higher similarity.
        Assert.True(result.Matches[1].Score > result.Matches[0].Score);
    }

    [Theory]
    [InlineData(2, true)]     // off
    [InlineData(0.6, false)]  // "cost" is about 0.69 cost in the words of these examples
    public void Words_certain_of_the_nearest_answer_answer_a_look_up_no_answer_reaches_the_threshold_for(double certainty, bool noMatch)
    {
        // The query's meaning is a "cost" text; nothing can reach a threshold of 2.
        var result = Search(wordsWeight: 0.2, meaning: HandMadeVectors.Unit(0.3f, 0, 0.954f), threshold: 2, wordsCertainty: certainty);

        Assert.Equal(noMatch, result.IsNoMatch);
        if (!noMatch) Assert.Equal("cost", result.Matches[0].Phrase.Id);
    }
}

/// <summary>
/// What the playbook does not answer is scored by its nearest example(s) (<see cref="PhraseFinder.Settings.NoneNeighbours"/>):
/// the query is near one off-topic example (0.9) and far from the others (-0.5), while each "cost" text is at 0.6.
/// </summary>
public class OffTopicNearestExampleTests
{
    private static LookupResult Search(int noneNeighbours)
    {
        var playbook = SamplePlaybook.Content();
        var texts = new List<CoachBot.Core.Semantics.LabelledText>();
        var vectors = new List<float>();
        void Add(string label, float[] vector)
        {
            texts.Add(new(label, $"{label} {texts.Count}"));
            vectors.AddRange(vector);
        }
        Add("cost", HandMadeVectors.Unit(0.6f, 0.8f, 0));
        Add("cost", HandMadeVectors.Unit(0.6f, -0.8f, 0));
        Add("cost", HandMadeVectors.Unit(0.6f, 0, 0.8f));
        Add("none", HandMadeVectors.Unit(0.9f, 0.436f, 0));
        Add("none", HandMadeVectors.Unit(-0.5f, 0.866f, 0));
        Add("none", HandMadeVectors.Unit(-0.5f, 0, 0.866f));
        var finder = new PhraseFinder(playbook, new PhraseIndex(playbook), new CoachBot.Core.Semantics.SemanticIndex(texts, [.. vectors], 3),
            new PhraseFinder.Settings
            {
                Neighbours = 3, NoneNeighbours = noneNeighbours, FittedWeight = 0, WordsWeight = 0, LexicalWeight = 0,
                Threshold = 0, ClosestFloor = 0,
            });
        return finder.Search("zzzz", [1, 0, 0]);
    }

    [Fact]
    public void Averaged_like_the_answers_the_one_near_off_topic_example_is_watered_down()
    {
        Assert.Equal("cost", Assert.Single(Search(noneNeighbours: 3).Matches).Phrase.Id);
    }

    [Fact]
    public void By_its_nearest_example_the_query_is_off_topic()
    {
        Assert.True(Search(noneNeighbours: 1).IsNoMatch);
    }
}
