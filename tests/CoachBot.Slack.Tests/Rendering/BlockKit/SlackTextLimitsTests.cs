using CoachBot.Slack.Rendering.BlockKit;

namespace CoachBot.Slack.Tests.Rendering.BlockKit;

public class SlackTextLimitsTests
{
    [Fact]
    public void Mrkdwn_escapes_only_ampersand_and_angle_brackets()
    {
        Assert.Equal("a &amp;amp; &lt;b&gt; *c* _d_ ~e~ `f` \"g\" 'h'", SlackTextLimits.Mrkdwn("a &amp; <b> *c* _d_ ~e~ `f` \"g\" 'h'", 3000));
    }

    [Fact]
    public void Mrkdwn_within_the_limit_is_not_cut()
    {
        Assert.Equal("&lt;ok&gt;", SlackTextLimits.Mrkdwn("<ok>", 10));
    }

    [Fact]
    public void Mrkdwn_cut_never_splits_an_entity()
    {
        // "a&amp;" is 6 characters; the next entity would pass the 7-character budget left for the ellipsis.
        Assert.Equal("a&amp;…", SlackTextLimits.Mrkdwn("a&&&&", 8));
    }

    [Fact]
    public void Cuts_never_split_a_surrogate_pair()
    {
        Assert.Equal("ab…", SlackTextLimits.Plain("ab😀cd", 4));
        Assert.Equal("ab…", SlackTextLimits.Mrkdwn("ab😀cd", 4));
    }

    [Fact]
    public void Plain_is_cut_to_the_limit_with_an_ellipsis()
    {
        Assert.Equal("abcd…", SlackTextLimits.Plain("abcdefgh", 5));
        Assert.Equal("abcde", SlackTextLimits.Plain("abcde", 5));
    }
}
