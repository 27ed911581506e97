using System.Data.Common;
using System.Globalization;
using CoachBot.Core.Analytics;

namespace CoachBot.Storage.Sql;

/// <summary>
/// Analytics events in a SQL table, one row per event written, with the normalised subject the report groups by and
/// the event's occurrences, which the report sums: a row may stand for several identical events folded together.
/// </summary>
internal sealed class SqlAnalyticsStore(StorageDatabase database) : IAnalyticsSink, IAnalyticsReader
{
    /// <summary>Writes <paramref name="events"/> in one transaction: all of them or, on failure, none.</summary>
    public async ValueTask RecordAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        using var writing = await database.EnterWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Dialect.AnalyticsBatchInsertSql is { } batchInsert)
        {
            await InsertFromArraysAsync(connection, transaction, batchInsert, events, cancellationToken);
        }
        else
        {
            await InsertOneByOneAsync(connection, transaction, events, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task InsertOneByOneAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken)
    {
        // One command and one set of parameters for the whole batch: the statement is compiled once, not per event.
        await using var command = StorageDatabase.Command(connection, transaction,
            "INSERT INTO analytics_event (kind, subject, subject_key, detail, occurred_at, occurrences) " +
            "VALUES (@kind, @subject, @subjectKey, @detail, @occurredAt, @occurrences);");
        var kind = StorageDatabase.AddParameter(command, "@kind", null);
        var subject = StorageDatabase.AddParameter(command, "@subject", null);
        var subjectKey = StorageDatabase.AddParameter(command, "@subjectKey", null);
        var detail = StorageDatabase.AddParameter(command, "@detail", null);
        var occurredAt = StorageDatabase.AddParameter(command, "@occurredAt", null);
        var occurrences = StorageDatabase.AddParameter(command, "@occurrences", null);
        foreach (var analyticsEvent in events)
        {
            kind.Value = analyticsEvent.Kind.ToString();
            subject.Value = analyticsEvent.Subject;
            subjectKey.Value = AnalyticsSubject.Normalise(analyticsEvent.Subject);
            detail.Value = (object?)analyticsEvent.Detail ?? DBNull.Value;
            occurredAt.Value = database.Dialect.ToDbTime(analyticsEvent.At);
            occurrences.Value = analyticsEvent.Occurrences;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task InsertFromArraysAsync(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken)
    {
        var kinds = new string[events.Count];
        var subjects = new string[events.Count];
        var subjectKeys = new string[events.Count];
        var details = new string?[events.Count];
        var occurredAt = new DateTimeOffset[events.Count];
        var occurrences = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            kinds[i] = events[i].Kind.ToString();
            subjects[i] = events[i].Subject;
            subjectKeys[i] = AnalyticsSubject.Normalise(events[i].Subject);
            details[i] = events[i].Detail;
            // The dialects with a batch insert take times as DateTimeOffset (PostgreSQL's timestamptz: UTC only).
            occurredAt[i] = (DateTimeOffset)database.Dialect.ToDbTime(events[i].At);
            occurrences[i] = events[i].Occurrences;
        }
        await using var command = StorageDatabase.Command(connection, transaction, sql);
        StorageDatabase.AddParameter(command, "@kinds", kinds);
        StorageDatabase.AddParameter(command, "@subjects", subjects);
        StorageDatabase.AddParameter(command, "@subjectKeys", subjectKeys);
        StorageDatabase.AddParameter(command, "@details", details);
        StorageDatabase.AddParameter(command, "@occurredAt", occurredAt);
        StorageDatabase.AddParameter(command, "@occurrences", occurrences);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SubjectCount>> TopSubjectsAsync(
        IReadOnlyCollection<AnalyticsKind> kinds, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (kinds.Count == 0 || limit == 0)
        {
            return [];
        }
        var kindParameters = kinds.Select((_, i) => "@kind" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = StorageDatabase.Command(connection, null,
            "SELECT subject_key, SUM(occurrences) AS n FROM analytics_event " +
            $"WHERE kind IN ({string.Join(", ", kindParameters)}) AND occurred_at >= @since " +
            $"GROUP BY subject_key ORDER BY n DESC, {database.Dialect.OrdinalOrder("subject_key")} LIMIT @limit;");
        foreach (var (kind, name) in kinds.Zip(kindParameters))
        {
            StorageDatabase.AddParameter(command, name, kind.ToString());
        }
        StorageDatabase.AddParameter(command, "@since", database.Dialect.ToDbTime(since));
        StorageDatabase.AddParameter(command, "@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var top = new List<SubjectCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            top.Add(new SubjectCount(reader.GetString(0), checked((int)reader.GetInt64(1))));
        }
        return top;
    }
}
