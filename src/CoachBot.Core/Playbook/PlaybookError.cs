namespace CoachBot.Core.Playbook;

/// <summary>A problem found in the playbook, pointing at the file and line to fix.</summary>
public sealed record PlaybookError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>What validating a playbook found. <see cref="Content"/> is set only when there are no errors.</summary>
public sealed record PlaybookValidationReport(
    IReadOnlyList<PlaybookError> Errors,
    IReadOnlyList<PlaybookError> Warnings,
    PlaybookContent? Content)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Thrown when a playbook cannot be loaded; <see cref="Errors"/> lists every problem found.</summary>
public sealed class PlaybookValidationException(IReadOnlyList<PlaybookError> errors)
    : Exception(Describe(errors))
{
    public IReadOnlyList<PlaybookError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<PlaybookError> errors) =>
        $"The playbook has {errors.Count} error(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => e.ToString()));
}
