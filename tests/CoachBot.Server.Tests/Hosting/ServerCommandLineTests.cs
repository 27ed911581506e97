using System.Diagnostics;
using CoachBot.Server.Tests.Durability;
using Microsoft.Extensions.Configuration;

namespace CoachBot.Server.Tests.Hosting;

public sealed class ServerCommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("/?")]
    [InlineData("help")]
    public void Help_is_answered_with_the_usage_and_success(string arg)
    {
        var (exitCode, text) = ServerCommandLine.Check(["--urls", "http://127.0.0.1:5000", arg])!.Value;

        Assert.Equal(0, exitCode);
        Assert.Equal(ServerCommandLine.HelpText, text);
    }

    [Theory]
    [InlineData(new[] { "foo" }, "Unknown argument 'foo'")]
    [InlineData(new[] { "-x", "1" }, "Unknown argument '-x'")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000", "--Slack:CommandName" }, "'--Slack:CommandName' needs a value")]
    public void An_argument_the_host_would_ignore_is_refused_with_the_usage(string[] args, string expectedStart)
    {
        var (exitCode, text) = ServerCommandLine.Check(args)!.Value;

        Assert.Equal(ServerCommandLine.Usage, exitCode);
        Assert.StartsWith(expectedStart, text, StringComparison.Ordinal);
        Assert.EndsWith(ServerCommandLine.HelpText, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], 0)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, 1)]
    [InlineData(new[] { "--Slack:CommandName=/ask", "Storage:Provider=memory" }, 4)] // Slack, Slack:CommandName, Storage, Storage:Provider
    [InlineData(new[] { "/contentRoot", "/srv/coachbot" }, 1)]
    [InlineData(new[] { "--Storage:SqlitePath", "-odd-name.db" }, 2)]
    public void Arguments_the_host_reads_start_the_server(string[] args, int expectedConfigurationEntries)
    {
        Assert.Null(ServerCommandLine.Check(args));
        // What is let through is what the host's own command-line provider turns into settings: none is dropped.
        Assert.Equal(expectedConfigurationEntries, new ConfigurationBuilder().AddCommandLine(args).Build().AsEnumerable().Count());
    }

    [Fact]
    public async Task The_server_process_prints_its_usage_for_help_and_exits_without_listening()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServerProcess.ServerDll, "--help" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(ServerCommandLine.HelpText, await output);
    }
}
