using System.CommandLine;
using CoachBot.Core.Analytics;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot report [--since 7d]`: what sellers searched for most, and what found no answer.</summary>
public static class ReportCommand
{
    public static Command Create(CliIo io)
    {
        var since = new Option<string>("--since") { Description = $"How far back: {ReportPeriod.Usage}.", DefaultValueFactory = _ => "7d" };
        var top = new Option<int>("--top") { Description = "Rows per list.", DefaultValueFactory = _ => 10 };
        var command = new Command("report", "Summarize look-ups, content gaps and recommendations from the analytics store.") { since, top };
        command.SetAction(parse =>
        {
            if (!ReportPeriod.TryParse(parse.GetValue(since), out var period, out var error)) return io.BadArguments($"--since: {error}");
            var rows = parse.GetValue(top);
            if (rows is < 1 or > 1000) return io.BadArguments("--top must be between 1 and 1000.");

            var storage = io.OpenStorage();
            if (storage is null) return CoachBotCli.BadArguments;
            try
            {
                var report = AnalyticsReport.BuildAsync(storage.AnalyticsReader, period, TimeProvider.System, rows).GetAwaiter().GetResult();
                io.Out.Write(report.ToPlainText());
                return CoachBotCli.Ok;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
            {
                io.Error.WriteLine($"coachbot: cannot read the analytics store ({storage.Description}): {e.Message}");
                return CoachBotCli.PlaybookBroken;
            }
            finally
            {
                storage.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
        return command;
    }
}
