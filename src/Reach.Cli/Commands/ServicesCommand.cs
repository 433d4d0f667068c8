using System.CommandLine;
using System.Globalization;
using Reach.Cli.Infrastructure;
using Reach.Services;
using Reach.Text;
using Spectre.Console;

namespace Reach.Cli.Commands;

/// <summary><c>reach services [NAME|PORT]</c>: the service names reach understands wherever a port is asked for.</summary>
internal static class ServicesCommand
{
    public static Command Create(CliConsole console)
    {
        var query = new Argument<string?>("name-or-port")
        {
            Description = "A service name (https, RDP), a port number, or part of a name or description",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("services", """
            List the TCP service names reach accepts in place of a port number.

            Examples:
              reach services            the whole table
              reach services rdp        which port is rdp?
              reach services 445        which service uses port 445?
              reach services sql        names or descriptions containing "sql"
            """)
        {
            query,
        };

        command.SetAction(result =>
        {
            var entries = Find(result.GetValue(query));
            var table = new Table().Border(TableBorder.Simple).AddColumns("Port", "Name", "Aliases", "Description");
            foreach (var entry in entries)
            {
                table.AddRow(
                    entry.Port.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(entry.Name),
                    Markup.Escape(string.Join(", ", entry.Aliases)),
                    Markup.Escape(entry.Description));
            }

            console.CreateAnsiOut().Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<ServiceEntry> Find(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return ServiceCatalog.All;
        }

        query = query.Trim();
        if (query.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(query, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new UsageException($"port {query} is out of range (1-65535)");
            }

            var byPort = ServiceCatalog.FindAllByPort(port);
            return byPort.Count > 0 ? byPort : throw new UsageException($"no service name is known for port {port}");
        }

        if (ServiceCatalog.TryGetByName(query, out var exact))
        {
            return [exact];
        }

        var matches = ServiceCatalog.All
            .Where(e => e.Name.Contains(query, StringComparison.OrdinalIgnoreCase)
                || e.Aliases.Any(a => a.Contains(query, StringComparison.OrdinalIgnoreCase))
                || e.Description.Contains(query, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (matches.Count > 0)
        {
            return matches;
        }

        var suggestions = ServiceCatalog.Suggest(query);
        throw new UsageException(suggestions.Count == 0
            ? $"unknown service {Printable.Quote(query)}"
            : $"unknown service {Printable.Quote(query)}; did you mean {string.Join(", ", suggestions)}?");
    }
}
