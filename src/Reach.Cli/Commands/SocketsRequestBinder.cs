using Reach.Cli.Infrastructure;
using Reach.Sockets;
using Reach.Targets;

namespace Reach.Cli.Commands;

/// <summary>Turns the raw arguments of <c>reach sockets</c> into a <see cref="SocketsRequest"/>, or a one-line usage error.</summary>
internal static class SocketsRequestBinder
{
    public sealed record Raw(
        bool Listening,
        bool Tcp,
        bool Udp,
        string? Port,
        int? Pid,
        string? Process,
        string? State,
        bool IPv4,
        bool IPv6,
        bool Json,
        string Format,
        bool Explain,
        string? SaveBaseline,
        string? Diff,
        bool Outbound);

    public static SocketsRequest Bind(Raw raw)
    {
        var mode = BindMode(raw);
        var filter = new SocketFilter
        {
            // A baseline is about listeners, whatever else was asked.
            Listening = raw.Listening || mode is SocketsMode.SaveBaseline or SocketsMode.Diff,
            Outbound = mode == SocketsMode.Outbound,
            Protocols = BindProtocols(raw, mode),
            Port = BindPort(raw.Port),
            Pid = raw.Pid is null or > 0 ? raw.Pid : throw new UsageException($"--pid {raw.Pid} must be more than 0"),
            Process = string.IsNullOrWhiteSpace(raw.Process) ? null : raw.Process.Trim(),
            States = BindStates(raw.State),
            Family = raw switch
            {
                { IPv4: true, IPv6: true } => throw new UsageException("-4 and -6 exclude each other; give neither to see both"),
                { IPv4: true } => SocketFamilyFilter.IPv4,
                { IPv6: true } => SocketFamilyFilter.IPv6,
                _ => SocketFamilyFilter.Any,
            },
        };
        return new SocketsRequest(mode, filter, BindFormat(raw), raw.SaveBaseline ?? raw.Diff);
    }

    private static SocketsMode BindMode(Raw raw)
    {
        var modes = new List<(string Option, SocketsMode Mode)>();
        if (raw.Explain)
        {
            modes.Add(("--explain", SocketsMode.Explain));
        }

        if (raw.Outbound)
        {
            modes.Add(("--outbound", SocketsMode.Outbound));
        }

        if (raw.SaveBaseline is not null)
        {
            modes.Add(("--save-baseline", SocketsMode.SaveBaseline));
        }

        if (raw.Diff is not null)
        {
            modes.Add(("--diff", SocketsMode.Diff));
        }

        return modes.Count switch
        {
            0 => SocketsMode.List,
            1 => modes[0].Mode,
            _ => throw new UsageException($"{modes[0].Option} and {modes[1].Option} cannot be combined"),
        };
    }

    private static SocketProtocols BindProtocols(Raw raw, SocketsMode mode)
    {
        if (mode == SocketsMode.Outbound)
        {
            return raw.Udp && !raw.Tcp
                ? throw new UsageException("--outbound lists TCP connections; UDP has none (drop --udp)")
                : SocketProtocols.Tcp;
        }

        return (raw.Tcp, raw.Udp) switch
        {
            (true, false) => SocketProtocols.Tcp,
            (false, true) => SocketProtocols.Udp,
            _ => SocketProtocols.All,
        };
    }

    private static int? BindPort(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return PortParser.TryParse(text, out var port, out var error) ? port.Number : throw new UsageException($"--port: {error}");
    }

    private static IReadOnlySet<TcpSocketState>? BindStates(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return TcpStateNames.TryParseList(text, out var states, out var error) ? states : throw new UsageException($"--state: {error}");
    }

    private static SocketsFormat BindFormat(Raw raw)
    {
        var format = raw.Format.Trim().ToLowerInvariant() switch
        {
            "table" => SocketsFormat.Table,
            "json" => SocketsFormat.Json,
            "csv" => SocketsFormat.Csv,
            _ => throw new UsageException($"--format: unknown format '{raw.Format}' (table, json, csv)"),
        };
        if (raw.Json && format == SocketsFormat.Csv)
        {
            throw new UsageException("--json and --format csv exclude each other");
        }

        return raw.Json ? SocketsFormat.Json : format;
    }
}
