using Microsoft.Extensions.Logging;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>Keeps every log line the server writes (category, message and exception), to count them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<(string Category, string Message, Exception? Exception)> _lines = [];

    public IReadOnlyList<(string Category, string Message, Exception? Exception)> Lines
    {
        get { lock (_gate) return _lines.ToList(); }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (provider._gate) provider._lines.Add((category, formatter(state, exception), exception));
        }
    }
}
