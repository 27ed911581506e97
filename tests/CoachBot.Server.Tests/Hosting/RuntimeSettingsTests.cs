using System.Text.Json.Nodes;
using CoachBot.Server.Tests.Durability;

namespace CoachBot.Server.Tests.Hosting;

public class RuntimeSettingsTests
{
    [Fact]
    public void The_server_runs_with_the_workstation_garbage_collector_without_background_collections()
    {
        // Chosen for small instances (see CoachBot.Server.csproj); the runtime reads it from the runtimeconfig.
        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(ServerProcess.ServerDll, ".runtimeconfig.json")))!;
        var settings = runtimeConfig["runtimeOptions"]?["configProperties"];

        Assert.False(settings?["System.GC.Server"]?.GetValue<bool>() ?? true);
        Assert.False(settings?["System.GC.Concurrent"]?.GetValue<bool>() ?? true);
    }
}
