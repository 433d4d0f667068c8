using System.Text;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>Missing ports in a few words: grouped by state, each group as port ranges (<c>636 closed, 3268-3269 filtered</c>).</summary>
internal static class ScanPortGroups
{
    public static string Describe(IEnumerable<ScanMissingPort> ports)
    {
        var text = new StringBuilder();
        foreach (var group in ports.GroupBy(p => p.State).OrderBy(g => g.Key))
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(PortSet.Create(group.Select(p => p.Port))).Append(' ').Append(group.Key.ToWord());
        }

        return text.ToString();
    }
}
