using System.Globalization;
using Reach.Hosting;

namespace Reach.Reflector;

/// <summary>
/// The systemd unit <c>reach serve --print-unit</c> prints: the options that differ from the defaults, a dynamic user,
/// and the capability to bind a port below 1024 when the listen port needs it.
/// </summary>
internal static class ServeUnit
{
    /// <param name="command">The program and any leading arguments (<c>/usr/local/bin/reach</c>).</param>
    /// <param name="options">The options <c>reach serve</c> was given.</param>
    public static string Render(string command, ReflectorOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new ReflectorOptions();
        var args = new List<string> { "serve", "--listen", ListenAddress.Format(options.Listen) };
        if (options.AllowPrivate)
        {
            args.Add("--allow-private");
        }

        args.AddRange(options.TrustedProxies.SelectMany(p => new[] { "--trust-proxy", p.ToString() }));
        AddIfChanged(args, "--max-ports", options.MaxPortsPerRequest, defaults.MaxPortsPerRequest);
        AddIfChanged(args, "--requests-per-minute", options.RequestsPerMinute, defaults.RequestsPerMinute);
        AddIfChanged(args, "--ports-per-minute", options.PortsPerMinute, defaults.PortsPerMinute);
        AddIfChanged(args, "--ipv6-prefix", options.IPv6Prefix, defaults.IPv6Prefix);
        if (options.ProbeTimeout != defaults.ProbeTimeout)
        {
            args.AddRange(["--probe-timeout", Time.DurationParser.Format(options.ProbeTimeout)]);
        }

        List<string> lines = ["DynamicUser=yes"];
        if (options.Listen.Port < 1024)
        {
            lines.Add("AmbientCapabilities=CAP_NET_BIND_SERVICE");
        }

        return SystemdUnit.Render(
            $"reach serve: port reflector on {ListenAddress.Format(options.Listen)}",
            $"{command} {string.Join(' ', args.Select(SystemdUnit.Quote))}",
            lines);
    }

    private static void AddIfChanged(List<string> args, string option, int value, int fallback)
    {
        if (value != fallback)
        {
            args.AddRange([option, value.ToString(CultureInfo.InvariantCulture)]);
        }
    }
}
