using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace CoachBot.Server.Tests.Durability;

/// <summary>
/// CoachBot.Server as a real process (`dotnet CoachBot.Server.dll`) on a loopback port, in anonymous mode, with the
/// settings a test passes as environment variables. The server's dll, runtimeconfig and deps sit in this test
/// project's output because the project references CoachBot.Server.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>"http://127.0.0.1:{port}".</summary>
    public string BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>What the process wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static string ServerDll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "CoachBot.Server.dll");
            var runtimeConfig = Path.ChangeExtension(dll, ".runtimeconfig.json");
            if (!File.Exists(dll) || !File.Exists(runtimeConfig))
                throw new FileNotFoundException($"CoachBot.Server.dll and its runtimeconfig.json are expected beside the tests in {AppContext.BaseDirectory}: the test project references CoachBot.Server, so building it copies them there.", dll);
            return dll;
        }
    }

    /// <summary>
    /// Starts the server with <paramref name="settings"/> (configuration keys, ':' allowed) in
    /// <paramref name="workingDirectory"/> (by default the folder of its dll) and waits until /healthz answers.
    /// <paramref name="bindHost"/> ("0.0.0.0", say) makes it listen on another address than 127.0.0.1, on the same
    /// port; the test still talks to it over loopback.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string? workingDirectory = null, string? bindHost = null)
    {
        var port = FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var bindUrl = bindHost is null ? baseUrl : $"http://{bindHost}:{port}";
        var process = Process.Start(StartInfo(bindUrl, settings, workingDirectory)) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>Runs the server with <paramref name="settings"/> until it exits by itself (a start-up it refuses); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string?> settings)
    {
        using var process = Process.Start(StartInfo($"http://127.0.0.1:{FreeLoopbackPort()}", settings, null)) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The server was expected to stop by itself within {StartTimeout}:\n{output}");
        }
        process.WaitForExit(); // the output's last lines
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Waits until the server has written <paramref name="text"/> (start-up log lines come a moment after /healthz answers).</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (stopwatch.Elapsed > StartTimeout) throw new TimeoutException($"The server did not write \"{text}\":\n{Output}");
            await Task.Delay(20);
        }
    }

    private static ProcessStartInfo StartInfo(string baseUrl, IReadOnlyDictionary<string, string?> settings, string? workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServerDll },
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["MicrosoftAppId"] = "";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // A lean start-up: start-up is what restart tests spend their time on.
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        return start;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>A graceful stop (SIGTERM, as a container runtime sends), waited for; SIGKILL if it hangs.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows()) _process.Kill();
            else _ = SendSignal(_process.Id, SigTerm);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before answering /healthz:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(20);
        }
        await KillAsync();
        throw new TimeoutException($"The server did not answer /healthz within {StartTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
