namespace Footfall.Cli;

/// <summary>
/// A plain-text table for people: a header row, columns padded to their widest cell, two spaces between.
/// No colours or box drawing, so it reads the same in a terminal, a pipe and a log file.
/// </summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [headers];

    public int Count => _rows.Count - 1;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row of {cells.Length} cells in a table of {headers.Length} columns.", nameof(cells));
        }
        _rows.Add(cells);
    }

    public void Write(TextWriter writer)
    {
        var widths = new int[headers.Length];
        foreach (string[] row in _rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        var line = new System.Text.StringBuilder();
        foreach (string[] row in _rows)
        {
            line.Clear();
            for (int i = 0; i < row.Length; i++)
            {
                line.Append(row[i]);
                if (i < row.Length - 1)
                {
                    line.Append(' ', widths[i] - row[i].Length + 2);
                }
            }
            // A last column that is empty in this row must not leave trailing blanks behind.
            writer.Write(line.ToString().TrimEnd());
            writer.Write('\n');
        }
    }
}
