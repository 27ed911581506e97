using CoachBot.Core.Classification;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Core.Semantics;

/// <summary>
/// How the coach understands sellers' and buyers' own words: the hybrid phrase look-up and the need classifier,
/// built once per playbook from its content and the embedding model. Building embeds every example and line of the
/// playbook (or reads their vectors from the disk cache); afterwards each look-up or statement costs one embedding
/// of the query, and a repeated one costs none.
/// </summary>
/// <remarks>
/// What is cached, and why: the answers to the last few thousand look-ups and statements, by their exact text (a
/// seller's "say cost" mid-call, or the same card button, is answered in microseconds, as the Slack load figures
/// need; comparing a query with every example costs about 100 µs on top of its embedding); and the embeddings of the
/// last few thousand texts (<see cref="TextEmbedder"/>). A look-up that is exactly a glossary term, or a tag or
/// synonym of one phrase alone, is answered from the words without embedding: it cannot be read more surely.
/// Both caches belong to one playbook's understanding and go with it.
/// </remarks>
public sealed class CoachUnderstanding
{
    private readonly TextEmbedder? _embedder;
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = 4_096 });

    private CoachUnderstanding(PhraseFinder phrases, NeedClassifier classifier, TextEmbedder? embedder, string description)
    {
        Phrases = phrases;
        Classifier = classifier;
        _embedder = embedder;
        Description = description;
    }

    public PhraseFinder Phrases { get; }
    public NeedClassifier Classifier { get; }

    /// <summary>True when wording is read by meaning (an embedding model), false when by its words alone.</summary>
    public bool IsSemantic => _embedder is not null;

    /// <summary>What the understanding runs on, for logs and /readyz ("model X, 1,234 texts (from cache)").</summary>
    public string Description { get; }

    /// <summary>
    /// Words alone: for hosts configured without an embedding model (Embeddings:Provider=none) and for tests of the
    /// lexical reading. Understanding of unseen wording is much weaker; hosts say so in their log and /readyz.
    /// </summary>
    public static CoachUnderstanding Lexical(PlaybookContent playbook) =>
        new(new PhraseFinder(playbook, new PhraseIndex(playbook), null), new NeedClassifier(new NeedCueReader(playbook), null),
            null, "words only (no embedding model)");

    /// <summary>Embeds the playbook's examples and lines (or reads them from <paramref name="cache"/>) and builds both readers.</summary>
    public static async Task<CoachUnderstanding> BuildAsync(PlaybookContent playbook, TextEmbedder embedder, EmbeddingCache? cache = null,
        PhraseFinder.Settings? lookupSettings = null, NeedClassifier.Settings? classifierSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(embedder);
        var lookup = LookupTexts(playbook).ToList();
        var needs = playbook.NeedExamples.SelectMany(e => e.Statements.Select(s => new LabelledText(e.Need, s))).ToList();
        var changes = playbook.ChangeExamples.SelectMany(e => e.Statements.Select(s => new LabelledText(e.Change, s))).ToList();
        var ages = playbook.DataChangedExamples.SelectMany(e => e.Statements.Select(s => new LabelledText(e.Answer, s))).ToList();
        var all = lookup.Concat(needs).Concat(changes).Concat(ages).Select(t => t.Text).ToList();

        cache ??= new EmbeddingCache(null, NullLogger.Instance);
        var (vectors, dimensions, fromDisk) = await cache.GetOrEmbedAsync(all, embedder, cancellationToken);

        var offset = 0;
        SemanticIndex Slice(List<LabelledText> texts)
        {
            var part = vectors.AsSpan(offset * dimensions, texts.Count * dimensions).ToArray();
            offset += texts.Count;
            return new SemanticIndex(texts, part, dimensions);
        }
        var lookupIndex = Slice(lookup);
        var (needIndex, changeIndex, ageIndex) = (Slice(needs), Slice(changes), Slice(ages));

        // The look-up and the classifier are built from separate content and fit separately (about 0.4 s each): on two
        // cores they are built side by side, which is most of what stands between a start and a ready server.
        var finder = Task.Run(() =>
        {
            var words = new PhraseIndex(playbook);
            if (embedder.KnownWords is { } ordinary) words.PrepareRepair(ordinary);
            return new PhraseFinder(playbook, words, lookupIndex, lookupSettings);
        }, cancellationToken);
        var cueReader = new NeedCueReader(playbook);
        var examples = new NeedExampleIndexes(needIndex, changeIndex, ageIndex, [.. needs.Select(n => cueReader.Read(n.Text))]);
        var classifier = new NeedClassifier(cueReader, examples, classifierSettings);
        return new CoachUnderstanding(
            await finder,
            classifier,
            embedder,
            $"{embedder.ModelId}, {all.Count:N0} texts of {dimensions} dimensions ({(fromDisk ? "vectors from the disk cache" : "embedded at start-up")})");
    }

    /// <summary>
    /// The embedding of <paramref name="text"/>, or empty when reading words alone. The same meaning serves the look-up
    /// and the classifier. A text with short forms ("FT", "ICL") or words the playbook nearly knows ("infrence",
    /// "finetunning") is read twice, as typed and repaired (<see cref="PhraseIndex.Repaired"/>), and the two readings
    /// are blended: the model reads the repaired words far better, and the typed ones keep what the repair may have
    /// got wrong. (Replacing the query by its correction alone was measured in the first round and made both worse.)
    /// </summary>
    public ValueTask<float[]> MeaningAsync(string text, CancellationToken cancellationToken = default) =>
        MeaningAsync(text, Repaired(text), cancellationToken);

    private async ValueTask<float[]> MeaningAsync(string text, string? repaired, CancellationToken cancellationToken)
    {
        if (_embedder is null || string.IsNullOrWhiteSpace(text)) return [];
        if (repaired is null) return await _embedder.EmbedAsync(text, cancellationToken);
        var (typed, second) = await _embedder.EmbedPairAsync(text, repaired, cancellationToken);
        return Blend(typed, second, Phrases.RepairedWeight);
    }

    /// <summary>The second reading of <paramref name="text"/> (<see cref="PhraseIndex.Repaired"/>), or null when it reads the same or is not wanted.</summary>
    private string? Repaired(string text) =>
        _embedder is null || Phrases.RepairedWeight <= 0 ? null : Phrases.Lexical.Repaired(text, _embedder.KnownWords);

    /// <summary>The unit vector along (1 - <paramref name="weight"/>) × <paramref name="typed"/> + <paramref name="weight"/> × <paramref name="repaired"/>.</summary>
    internal static float[] Blend(float[] typed, float[] repaired, double weight)
    {
        var blended = new float[typed.Length];
        for (var i = 0; i < blended.Length; i++)
            blended[i] = (float)((1 - weight) * typed[i] + weight * repaired[i]);
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(blended);
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(blended, norm, blended);
        return blended;
    }

    public async Task<LookupResult> LookupAsync(string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_answers.TryGetValue(("lookup", query), out LookupResult? known) && known is not null) return known;
        var repaired = Repaired(query);
        // A misspelt or abbreviated glossary term ("infrence", "ICL") is as certain as the term once repaired.
        var result = Phrases.IsLexicallyCertain(query) ? Phrases.Search(query, [])
            : repaired is not null && Phrases.IsLexicallyCertain(repaired) ? Phrases.Search(repaired, []) with { Query = query }
            : Phrases.Search(query, await MeaningAsync(query, repaired, cancellationToken));
        _answers.Set(("lookup", query), result, new MemoryCacheEntryOptions { Size = 1 });
        return result;
    }

    public async Task<NeedClassification> ClassifyAsync(string statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (_answers.TryGetValue(("classify", statement), out NeedClassification? known) && known is not null) return known;
        var result = Classifier.Classify(statement, await MeaningAsync(statement, cancellationToken));
        _answers.Set(("classify", statement), result, new MemoryCacheEntryOptions { Size = 1 });
        return result;
    }

    /// <summary>
    /// The texts each look-up answer is known by: a phrase's lines, synonyms and example look-ups; a glossary term's
    /// name, aliases and examples; an analogy's concept and examples; and examples of what the playbook does not answer.
    /// </summary>
    internal static IEnumerable<LabelledText> LookupTexts(PlaybookContent playbook)
    {
        var examples = playbook.LookupExamples.ToLookup(e => e.Answer, e => e.Queries);
        foreach (var phrase in playbook.Phrases)
        {
            yield return new(phrase.Id, phrase.DontSay);
            yield return new(phrase.Id, phrase.DoSay);
            foreach (var synonym in phrase.Synonyms) yield return new(phrase.Id, synonym);
            foreach (var query in examples[phrase.Id].SelectMany(q => q)) yield return new(phrase.Id, query);
        }
        foreach (var term in playbook.Glossary)
        {
            var label = "glossary:" + term.Id;
            yield return new(label, "what is " + term.Term);
            foreach (var alias in term.Aliases) yield return new(label, alias);
            foreach (var query in examples[label].SelectMany(q => q)) yield return new(label, query);
        }
        foreach (var analogy in playbook.Analogies)
        {
            var label = "analogy:" + analogy.Id;
            yield return new(label, $"identity analogy for {analogy.Approach}: {analogy.Concept}");
            foreach (var query in examples[label].SelectMany(q => q)) yield return new(label, query);
        }
        foreach (var query in examples[PlaybookValidator.NoAnswer].SelectMany(q => q))
            yield return new(PlaybookValidator.NoAnswer, query);
    }
}
