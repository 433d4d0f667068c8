using Microsoft.Extensions.Logging;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>A <see cref="ListLogger"/> for a class that asks for an <see cref="ILogger{TCategoryName}"/>.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ListLogger inner = new();

    public IEnumerable<string> Messages => inner.Lines.Select(l => l.Message);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);

    public int Count(string fragment) => Messages.Count(m => m.Contains(fragment, StringComparison.Ordinal));
}
