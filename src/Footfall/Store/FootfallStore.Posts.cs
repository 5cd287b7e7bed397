using Microsoft.Data.Sqlite;

namespace Footfall.Store;

/// <summary>
/// Posts on X: composed from pending outbox rows in one transaction (so an event is in exactly one post or
/// dropped, never both, never lost), then tried until X has them, then deleted on schedule.
/// </summary>
public sealed partial class FootfallStore
{
    /// <summary>
    /// Adds the posts, links each event's outbox row to its post, marks the dropped ones with their reason and
    /// remembers the templates used: all or nothing. Outbox rows no longer pending (a second announcer got
    /// there first, or retention removed them) are left alone.
    /// </summary>
    public IReadOnlyList<long> SaveComposition(IReadOnlyList<PostDraft> posts, IReadOnlyList<DroppedEvent> dropped)
    {
        long now = UnixTime.ToMilliseconds(_time.GetUtcNow());
        return Write("compose posts", transaction =>
        {
            var ids = new List<long>();
            using SqliteCommand insert = Sql.Command(_connection, transaction, """
                INSERT INTO posts (created_at, text, oldest_event_at, state, next_try_at, updated_at)
                SELECT $now, $text, min(e.at), 'pending', $now, $now FROM events e WHERE e.id IN (SELECT value FROM json_each($events))
                RETURNING id
                """);
            using SqliteCommand link = Sql.Command(_connection, transaction, """
                UPDATE outbox SET state = 'posted', post_id = $post, updated_at = $now
                WHERE event_id IN (SELECT value FROM json_each($events)) AND state = 'pending' AND destination = 'announce'
                """);
            using SqliteCommand remember = Sql.Command(_connection, transaction, """
                INSERT INTO person_templates (person, template) VALUES ($person, $template)
                ON CONFLICT (person) DO UPDATE SET template = excluded.template
                """);
            foreach (PostDraft post in posts)
            {
                string events = "[" + string.Join(',', post.EventIds) + "]";
                Sql.Set(insert, "$now", now);
                Sql.Set(insert, "$text", post.Text);
                Sql.Set(insert, "$events", events);
                long id = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                ids.Add(id);
                Sql.Set(link, "$post", id);
                Sql.Set(link, "$now", now);
                Sql.Set(link, "$events", events);
                link.ExecuteNonQuery();
                foreach ((string person, string template) in post.TemplateUsed)
                {
                    Sql.Set(remember, "$person", person);
                    Sql.Set(remember, "$template", template);
                    remember.ExecuteNonQuery();
                }
            }
            using SqliteCommand drop = Sql.Command(_connection, transaction, """
                UPDATE outbox SET state = 'dropped', detail = $reason, updated_at = $now WHERE event_id = $event AND state = 'pending' AND destination = 'announce'
                """);
            foreach (DroppedEvent d in dropped)
            {
                Sql.Set(drop, "$reason", d.Reason);
                Sql.Set(drop, "$now", now);
                Sql.Set(drop, "$event", d.EventId);
                drop.ExecuteNonQuery();
            }
            return (IReadOnlyList<long>)ids;
        });
    }

    /// <summary>Pending posts whose next try has come, oldest first.</summary>
    public IReadOnlyList<PostRow> DuePosts(int max) => Locked("read the posts due", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, """
            SELECT id, text, oldest_event_at, attempts FROM posts
            WHERE state = 'pending' AND next_try_at <= $now ORDER BY id LIMIT $max
            """);
        Sql.Set(command, "$now", UnixTime.ToMilliseconds(_time.GetUtcNow()));
        Sql.Set(command, "$max", max);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<PostRow>();
        while (reader.Read())
        {
            rows.Add(new PostRow(reader.GetInt64(0), reader.GetString(1), Sql.Time(reader, 2), (int)reader.GetInt64(3)));
        }
        return rows;
    });

    /// <summary>Records one try (or the decision not to try: expired), counting it.</summary>
    public void RecordPost(long id, PostOutcome outcome)
    {
        DateTimeOffset now = _time.GetUtcNow();
        Write("record a post's outcome", transaction =>
        {
            using SqliteCommand command = Sql.Command(_connection, transaction, """
                UPDATE posts SET state = $state, detail = $detail, attempts = attempts + $tried, next_try_at = $next,
                    x_id = coalesce($xid, x_id), posted_at = CASE WHEN $state = 'delivered' THEN $now ELSE posted_at END,
                    delete_at = $deleteAt, updated_at = $now
                WHERE id = $id
                """);
            Sql.Set(command, "$state", Of(outcome.State));
            Sql.Set(command, "$detail", outcome.Detail);
            Sql.Set(command, "$tried", outcome.State == PostState.Expired ? 0 : 1);
            Sql.Set(command, "$next", Sql.Milliseconds(outcome.NextTry));
            Sql.Set(command, "$xid", outcome.XId);
            Sql.Set(command, "$deleteAt", Sql.Milliseconds(outcome.DeleteAt));
            Sql.Set(command, "$now", UnixTime.ToMilliseconds(now));
            Sql.Set(command, "$id", id);
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>Delivered posts whose deletion is due, oldest first.</summary>
    public IReadOnlyList<DeletionRow> DueDeletions(int max) => Locked("read the deletions due", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, """
            SELECT id, x_id FROM posts WHERE delete_at <= $now AND x_id IS NOT NULL ORDER BY delete_at, id LIMIT $max
            """);
        Sql.Set(command, "$now", UnixTime.ToMilliseconds(_time.GetUtcNow()));
        Sql.Set(command, "$max", max);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<DeletionRow>();
        while (reader.Read())
        {
            rows.Add(new DeletionRow(reader.GetInt64(0), reader.GetString(1)));
        }
        return rows;
    });

    /// <summary>A deletion done (<paramref name="retryAt"/> null) or to be tried again at <paramref name="retryAt"/>.</summary>
    public void RecordDeletion(long id, DateTimeOffset? retryAt, string detail)
    {
        long now = UnixTime.ToMilliseconds(_time.GetUtcNow());
        Write("record a deletion", transaction =>
        {
            using SqliteCommand command = Sql.Command(_connection, transaction, """
                UPDATE posts SET delete_at = $retry, deleted_at = CASE WHEN $retry IS NULL THEN $now ELSE deleted_at END,
                    detail = $detail, updated_at = $now
                WHERE id = $id
                """);
            Sql.Set(command, "$retry", Sql.Milliseconds(retryAt));
            Sql.Set(command, "$detail", detail);
            Sql.Set(command, "$now", now);
            Sql.Set(command, "$id", id);
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>The earliest time a pending post or a deletion is due, or null if nothing is scheduled.</summary>
    public DateTimeOffset? NextPostWork() => Locked<DateTimeOffset?>("read the post schedule", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, """
            SELECT min(t) FROM (
                SELECT min(next_try_at) AS t FROM posts WHERE state = 'pending'
                UNION ALL SELECT min(delete_at) FROM posts WHERE delete_at IS NOT NULL AND x_id IS NOT NULL)
            """);
        object? value = command.ExecuteScalar();
        return value is long ms ? UnixTime.FromMilliseconds(ms) : null;
    });

    /// <summary>The template last used to announce <paramref name="person"/>, so the next one differs.</summary>
    public string? LastTemplate(string person) => Locked("read the last template", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null, "SELECT template FROM person_templates WHERE person = $person");
        Sql.Set(command, "$person", person);
        return command.ExecuteScalar() as string;
    });

    /// <summary>When <paramref name="person"/> last left before <paramref name="at"/>, for the cooldown on returns.</summary>
    public DateTimeOffset? LastDepartureBefore(string person, DateTimeOffset at) => Locked<DateTimeOffset?>("read the last departure", () =>
    {
        using SqliteCommand command = Sql.Command(_connection, null,
            "SELECT max(at) FROM events WHERE kind = 'left' AND person = $person AND at < $at");
        Sql.Set(command, "$person", person);
        Sql.Set(command, "$at", UnixTime.ToMilliseconds(at));
        return command.ExecuteScalar() is long ms ? UnixTime.FromMilliseconds(ms) : null;
    });

    /// <summary>How many people are in now.</summary>
    public int PeopleIn() => Locked("count who is in", () =>
        (int)Sql.ScalarInt64(_connection, null, "SELECT count(*) FROM presence WHERE is_in"));

    private static string Of(PostState state) => state switch
    {
        PostState.Pending => "pending",
        PostState.Delivered => "delivered",
        PostState.Failed => "failed",
        PostState.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
