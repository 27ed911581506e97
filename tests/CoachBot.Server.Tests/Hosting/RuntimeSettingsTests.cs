using System.Text.Json.Nodes;
using CoachBot.Server.Tests.Durability;

namespace CoachBot.Server.Tests.Hosting;

public class RuntimeSettingsTests
{
    [Fact]
    public void The_server_runs_with_the_workstation_garbage_collector()
    {
        // Chosen for small instances (see CoachBot.Server.csproj); the runtime reads it from the runtimeconfig.
        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(ServerProcess.ServerDll, ".runtimeconfig.json")))!;

        Assert.False(runtimeConfig["runtimeOptions"]?["configProperties"]?["System.GC.Server"]?.GetValue<bool>() ?? true);
    }
}
