namespace CoachBot.Core.Semantics;

/// <summary>
/// The whole words an embedding model's tokenizer knows (lowercase), offered by a generator through
/// <c>GetService(typeof(ModelWords))</c>. A query word outside both this list and the playbook's vocabulary is one the
/// model would read in meaningless pieces ("infrence", "finetunning"): the one worth repairing before embedding. A word
/// in it is ordinary English ("brand", "drug"), left as typed even when it is one letter from a playbook word.
/// </summary>
public sealed record ModelWords(IReadOnlySet<string> Words);
