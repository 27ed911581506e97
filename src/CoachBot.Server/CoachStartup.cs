using CoachBot.Core;
using CoachBot.Core.Playbook;
using CoachBot.Embeddings;

namespace CoachBot.Server;

/// <summary>
/// Builds the coach (the sentence model, the playbook and its vectors) in the background, so the server listens at
/// once: /healthz answers, /readyz says "not ready" until the coach is built, and a request that arrives meanwhile
/// waits for it. A model that cannot load stops the server with a message naming the package and the fix (on
/// standard error, as the command line's other refusals); anything else that stops the build is logged.
/// </summary>
public sealed partial class CoachStartup(IServiceProvider services, IConfiguration configuration, IHostApplicationLifetime lifetime,
    ILogger<CoachStartup> logger) : IHostedService
{
    private Task? _building;

    /// <summary>Why the coach cannot answer yet (for /readyz), or null once it is built.</summary>
    public string? Problem => _building switch
    {
        { IsCompletedSuccessfully: true } => null,
        { IsFaulted: true } => "the coach could not be built: " + _building.Exception!.GetBaseException().Message,
        _ => "the coach is loading (the sentence model and the playbook's vectors)",
    };

    /// <summary>True when the coach could not be built (the model did not load): the server stops, and exits with 1.</summary>
    public bool Failed { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _building = Task.Run(Build, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Build()
    {
        try
        {
            // The model loads while the playbook is read and checked on this thread: on two cores, the start takes
            // the longer of the two, not both.
            var model = Task.Run(() => UnderstandingFactory.PreloadModel(EmbeddingOptions.FromConfiguration(configuration)));
            services.GetRequiredService<PlaybookContent>();
            model.GetAwaiter().GetResult();
            services.GetRequiredService<Coach>();
        }
        catch (Exception e)
        {
            Failed = true;
            if (e is EmbeddingSetupException) Console.Error.WriteLine("coachbot: " + e.Message);
            else LogBuildFailed(e);
            lifetime.StopApplication();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The coach could not be built; the server stops")]
    private partial void LogBuildFailed(Exception exception);
}
