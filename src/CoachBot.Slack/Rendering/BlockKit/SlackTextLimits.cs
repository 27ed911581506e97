using System.Text;

namespace CoachBot.Slack.Rendering.BlockKit;

/// <summary>Escaping and cutting text to Slack's limits.</summary>
internal static class SlackTextLimits
{
    public const string Ellipsis = "…";

    /// <summary>
    /// Text for a mrkdwn field: escapes the three characters Slack mrkdwn reserves (&amp;, &lt;, &gt;, so
    /// content cannot mention, link or notify) and nothing else, then cuts it to <paramref name="maxLength"/>
    /// with an ellipsis. The cut never splits an entity or a surrogate pair.
    /// </summary>
    public static string Mrkdwn(string raw, int maxLength)
    {
        var escaped = raw.AsSpan().ContainsAny('&', '<', '>') ? raw.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") : raw;
        if (escaped.Length <= maxLength)
            return escaped;

        var cut = new StringBuilder(maxLength);
        var budget = maxLength - Ellipsis.Length;
        for (var i = 0; i < raw.Length; i++)
        {
            var piece = raw[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when char.IsHighSurrogate(raw[i]) && i + 1 < raw.Length => raw.Substring(i++, 2),
                _ => raw[i].ToString(),
            };
            if (cut.Length + piece.Length > budget)
                break;
            cut.Append(piece);
        }
        return cut.Append(Ellipsis).ToString();
    }

    /// <summary>Text for a plain_text field, cut to <paramref name="maxLength"/> with an ellipsis.</summary>
    public static string Plain(string text, int maxLength)
    {
        if (text.Length <= maxLength)
            return text;
        var keep = maxLength - Ellipsis.Length;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
            keep--;
        return string.Concat(text.AsSpan(0, keep), Ellipsis);
    }
}
