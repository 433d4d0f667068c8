using System.Text;

namespace Reach.Cli.Rendering.Sockets;

/// <summary>Writes rows as left-aligned columns two spaces apart; the last column is not padded.</summary>
internal static class TextColumns
{
    public static void Write(TextWriter writer, IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(row[i]);
                if (i < row.Length - 1)
                {
                    line.Append(' ', widths[i] - row[i].Length + 2);
                }
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }
    }
}
