using CoachBot.Server.Tests.Durability;

namespace CoachBot.Server.Tests.Hosting;

/// <summary>
/// The server as a real process, started from a working folder other than its own. Whether its shipped
/// appsettings.json was read shows in the log: it sets Microsoft.AspNetCore to Warning, which keeps the two
/// Information lines ASP.NET Core logs for every request (category Microsoft.AspNetCore.Hosting.Diagnostics) out.
/// </summary>
public sealed class ContentRootTests : IDisposable
{
    /// <summary>The category of the app's own Information line at start-up: "Conversation state is kept in …".</summary>
    private const string StartupLineCategory = "CoachBot.Storage.CoachBotStorage";
    private const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private readonly DurabilityFolder _elsewhere = new();

    public void Dispose() => _elsewhere.Dispose();

    [Fact]
    public async Task Started_from_another_folder_the_server_reads_the_appsettings_beside_its_dll()
    {
        var output = await OutputOfOneRequestAsync([]);

        // Information is logged, so the request lines are missing because of the shipped settings.
        Assert.Contains(StartupLineCategory, output, StringComparison.Ordinal);
        Assert.DoesNotContain(RequestLineCategory, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_content_root_set_in_the_environment_still_wins()
    {
        // A folder without appsettings.json: the default levels then log every request.
        var output = await OutputOfOneRequestAsync(new() { ["ASPNETCORE_CONTENTROOT"] = _elsewhere.Path });

        Assert.Contains(RequestLineCategory, output, StringComparison.Ordinal);
    }

    /// <summary>Everything the server logged, from its start in the other folder to its exit after one request.</summary>
    private async Task<string> OutputOfOneRequestAsync(Dictionary<string, string?> settings)
    {
        settings["Storage:Provider"] = "memory";
        // The harness quietens every category to Warning; the shipped settings log Information by default.
        settings["Logging:LogLevel:Default"] = "Information";
        await using var server = await ServerProcess.StartAsync(settings, workingDirectory: _elsewhere.Path);
        using (var response = await server.Http.GetAsync("/healthz"))
        {
            Assert.True(response.IsSuccessStatusCode, $"/healthz answered {response.StatusCode}.");
        }
        // The console logger writes from a queue, which a graceful stop empties; exited, all output has been read.
        await server.StopAsync();
        return server.Output;
    }
}
