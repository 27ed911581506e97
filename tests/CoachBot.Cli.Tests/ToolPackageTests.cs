using System.IO.Compression;
using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace CoachBot.Cli.Tests;

/// <summary>
/// `coachbot` as a .NET tool, packed and installed the way the README says, then run as a user runs it. The
/// install reads only the folder the pack wrote (a nuget.config that clears every other source), so it proves the
/// packages carry everything the command needs: the assemblies of every dependency and their native libraries.
/// </summary>
/// <remarks>
/// Slow for a unit test: the pack publishes the tool twice (ReadyToRun for this machine's platform, and portable) and
/// builds the projects it references again for the portable one. On two cores that is about 10 s when nothing changed
/// since `dotnet test` built the CLI, and 1 to 2 minutes after a change to Core, Storage or the Bot Framework project
/// (slower still while the machine is busy); the install and the commands add about 2 s. One pack and one install
/// serve every test here (<see cref="InstalledTool"/>).
/// </remarks>
public sealed class ToolPackageTests(InstalledTool tool) : IClassFixture<InstalledTool>, IDisposable
{
    private readonly CliRunner _inProcess = new();

    public void Dispose() => _inProcess.Dispose();

    [Fact]
    public void The_installed_command_answers_help_with_every_subcommand()
    {
        var help = tool.Run("--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:", help.Out);
        foreach (var command in new[] { "chat", "phrase", "classify", "diagnose", "prep", "playbook", "report", "teams" })
            Assert.Contains($"  {command}", help.Out);
    }

    [Fact]
    public void The_installed_command_finds_phrases_as_the_engine_does_in_process()
    {
        var installed = tool.Run("phrase", "cost", "--json");

        Assert.Equal(0, installed.ExitCode);
        Assert.Equal("", installed.Error);
        using var json = JsonDocument.Parse(installed.Out);
        Assert.Equal("cost", json.RootElement.GetProperty("query").GetString());
        Assert.True(json.RootElement.GetProperty("matches").GetArrayLength() > 0, installed.Out);
        // The same playbook and ranking as the assemblies these tests were built with.
        Assert.Equal(_inProcess.Run("phrase", "cost", "--json").Out, installed.Out);
    }

    [Fact]
    public void The_installed_command_writes_and_reads_its_sqlite_store_through_the_packed_native_library()
    {
        var settings = new Dictionary<string, string> { ["Storage__SqlitePath"] = Path.Combine(tool.Scratch, "installed.db") };

        var chat = tool.Run(settings, "phrase cost\n/quit\n", "chat", "--plain");
        Assert.True(chat.ExitCode == 0, chat.Error);
        var report = tool.Run(settings, "", "report");

        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains("cost", report.Out);
    }

    [Fact]
    public void This_machine_gets_the_package_precompiled_for_its_platform()
    {
        var folder = tool.InstalledFolder();

        Assert.EndsWith(Path.Combine($"coachbot.cli.{RuntimeInformation.RuntimeIdentifier}", InstalledTool.Version, "tools", "net10.0", RuntimeInformation.RuntimeIdentifier), folder);
        foreach (var assembly in new[] { "coachbot.dll", "CoachBot.Core.dll" })
            Assert.True(IsReadyToRun(Path.Combine(folder, assembly)), $"{assembly} in {folder} holds no precompiled code.");
    }

    [Fact]
    public void The_portable_package_runs_with_the_native_libraries_of_its_runtimes_folder()
    {
        var portable = tool.ExtractPortablePackage();
        var settings = new Dictionary<string, string> { ["Storage__SqlitePath"] = Path.Combine(tool.Scratch, "portable.db") };

        Assert.True(Directory.Exists(Path.Combine(portable, "runtimes")), $"no runtimes/ folder in {portable}");
        // ONNX Runtime's mobile builds are over 100 MB that a command-line tool never loads.
        var mobile = Directory.GetDirectories(Path.Combine(portable, "runtimes"))
            .Select(Path.GetFileName)
            .Where(rid => rid!.StartsWith("android", StringComparison.Ordinal) || rid.StartsWith("ios", StringComparison.Ordinal) || rid.StartsWith("maccatalyst", StringComparison.Ordinal));
        Assert.Empty(mobile);
        var phrase = InstalledTool.Run("dotnet", [Path.Combine(portable, "coachbot.dll"), "phrase", "cost", "--json"], settings, "");
        Assert.True(phrase.ExitCode == 0, phrase.Error);
        Assert.Equal(_inProcess.Run("phrase", "cost", "--json").Out, phrase.Out);
        var report = InstalledTool.Run("dotnet", [Path.Combine(portable, "coachbot.dll"), "report"], settings, "");
        Assert.True(report.ExitCode == 0, report.Error);
    }

    /// <summary>ReadyToRun images carry a managed native header beside their IL.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}

/// <summary>
/// Packs src/CoachBot.Cli into a temporary folder with the configuration these tests were built in, and installs
/// it from that folder alone into another with `dotnet tool install --tool-path`. Both folders go on dispose.
/// </summary>
public sealed class InstalledTool : IDisposable
{
    /// <summary>The package version: the CLI assembly's, which the pack gives the packages too.</summary>
    public static readonly string Version =
        typeof(CoachBotCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    private readonly string _root = Directory.CreateTempSubdirectory("coachbot-tool-").FullName;

    public InstalledTool()
    {
        var configuration = typeof(CoachBotCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        Directory.CreateDirectory(Scratch);
        // -nodeReuse:false: no MSBuild node outlives the test.
        var pack = Run("dotnet",
            ["pack", RepositoryFiles.Path("src", "CoachBot.Cli", "CoachBot.Cli.csproj"), "-c", configuration, "-o", Packages, "-nodeReuse:false"],
            new Dictionary<string, string>(), "", PackTimeout);
        if (pack.ExitCode != 0) throw new InvalidOperationException($"dotnet pack failed:\n{pack.Out}\n{pack.Error}");

        var nugetConfig = Path.Combine(_root, "nuget.config");
        File.WriteAllText(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{Packages}" />
              </packageSources>
            </configuration>
            """);
        var install = Run("dotnet", ["tool", "install", "CoachBot.Cli", "--version", Version, "--tool-path", ToolPath, "--configfile", nugetConfig],
            new Dictionary<string, string>(), "", PackTimeout);
        if (install.ExitCode != 0) throw new InvalidOperationException($"dotnet tool install failed:\n{install.Out}\n{install.Error}");
    }

    /// <summary>Where the tests may write files (databases); removed with the rest.</summary>
    public string Scratch => Path.Combine(_root, "scratch");

    private string Packages => Path.Combine(_root, "packages");

    private string ToolPath => Path.Combine(_root, "tools");

    private string Command => Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "coachbot.exe" : "coachbot");

    public CliResult Run(params string[] args) => Run(new Dictionary<string, string>(), "", args);

    public CliResult Run(IReadOnlyDictionary<string, string> environment, string stdin, params string[] args) =>
        Run(Command, args, environment, stdin);

    /// <summary>The folder the installed command runs from, inside the tool path's package store.</summary>
    public string InstalledFolder()
    {
        var store = Path.Combine(ToolPath, ".store");
        return Directory.GetFiles(store, "coachbot.dll", SearchOption.AllDirectories).Select(Path.GetDirectoryName).Single()!;
    }

    /// <summary>Unzips CoachBot.Cli.any (the package for platforms without their own) and returns its tool folder.</summary>
    public string ExtractPortablePackage()
    {
        var target = Path.Combine(_root, "portable");
        if (!Directory.Exists(target)) ZipFile.ExtractToDirectory(Path.Combine(Packages, $"CoachBot.Cli.any.{Version}.nupkg"), target);
        return Path.Combine(target, "tools", "net10.0", "any");
    }

    public static CliResult Run(string fileName, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string stdin, TimeSpan? timeout = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host runs under `dotnet test`, whose MSBuild settings would leak into a nested `dotnet pack`.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout ?? CommandTimeout}.");
        }
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
