namespace CoachBot.Core.Cards;

public static class TableShape
{
    /// <summary>
    /// The header and every row padded with empty cells to the widest of them, so a short row cannot
    /// shift its cells under the wrong column and no cell is dropped.
    /// </summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Rectangular(TableBlock table)
    {
        var width = table.Rows.Select(r => r.Count).Append(table.Columns.Count).Max();
        return (Pad(table.Columns, width), table.Rows.Select(r => Pad(r, width)).ToList());
    }

    private static IReadOnlyList<string> Pad(IReadOnlyList<string> cells, int width) =>
        cells.Count == width ? cells : [.. cells, .. Enumerable.Repeat("", width - cells.Count)];
}
