using Microsoft.Data.Sqlite;

namespace Footfall.Store;

/// <summary>
/// The schema as an ordered list of migrations, applied forward at start. <c>PRAGMA user_version</c> says how
/// far a database has come. To change the schema, append a migration: never edit one that has shipped, since
/// databases in the field were made by it.
/// </summary>
internal static class Schema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "people, presence, sessions, events, outbox, devices", """
            -- People and their devices, as last loaded from the configuration (replaced whole on each load).
            CREATE TABLE people (
                name     TEXT NOT NULL PRIMARY KEY,
                pronoun  TEXT,
                led      INTEGER,
                position INTEGER NOT NULL              -- order in the configuration, for display
            ) STRICT;
            CREATE TABLE person_devices (
                mac      TEXT NOT NULL PRIMARY KEY,    -- lowercase, colon-separated
                person   TEXT NOT NULL REFERENCES people(name) ON DELETE CASCADE
            ) STRICT;
            CREATE INDEX person_devices_person ON person_devices(person);

            -- Whether each person is in: what a restart resumes from, so nobody is announced twice.
            CREATE TABLE presence (
                person    TEXT NOT NULL PRIMARY KEY,
                is_in     INTEGER NOT NULL,
                since     INTEGER,                     -- times: UTC milliseconds since the Unix epoch
                last_seen INTEGER
            ) STRICT;

            -- One row per stay: left_at is NULL while the person is in.
            CREATE TABLE sessions (
                id         INTEGER PRIMARY KEY,
                person     TEXT NOT NULL,
                arrived_at INTEGER NOT NULL,
                left_at    INTEGER
            ) STRICT;
            CREATE INDEX sessions_open ON sessions(person) WHERE left_at IS NULL;
            CREATE INDEX sessions_left_at ON sessions(left_at);

            -- The event history. AUTOINCREMENT: ids are never reused, even after retention empties the table,
            -- so an id once reported (to an announcer, a log reader) always means the same event.
            CREATE TABLE events (
                id        INTEGER PRIMARY KEY AUTOINCREMENT,
                kind      TEXT NOT NULL CHECK (kind IN ('arrived', 'left', 'unknown_device_seen')),
                at        INTEGER NOT NULL,
                person    TEXT,
                mac       TEXT,
                ip        TEXT,
                stayed_ms INTEGER,
                announce  INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX events_at ON events(at);

            -- What the announcers still have to say, and what became of what they said.
            CREATE TABLE outbox (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL,
                state      TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
                updated_at INTEGER NOT NULL,
                detail     TEXT
            ) STRICT;
            CREATE INDEX outbox_pending ON outbox(id) WHERE state = 'pending';
            CREATE INDEX outbox_event ON outbox(event_id);

            -- Every device seen on the LAN, known or not; unknown ones are kept only briefly (retention).
            CREATE TABLE devices (
                mac                  TEXT NOT NULL PRIMARY KEY,
                last_ip              TEXT NOT NULL,
                first_seen           INTEGER NOT NULL,
                last_seen            INTEGER NOT NULL,
                person               TEXT,             -- the owner per the configuration; NULL: unknown
                locally_administered INTEGER NOT NULL  -- randomised MACs (phones' private addresses)
            ) STRICT;
            CREATE INDEX devices_last_seen ON devices(last_seen);
            """),
        new(2, "posts: what is said on X, with retries and deletion; outbox rows point at their post", """
            -- One row per post on X, composed from one or more outbox rows (arrivals close together make one
            -- post). The text is fixed when the row is made, so a retry sends exactly the same words and X's
            -- duplicate rule absorbs a post whose answer was lost.
            CREATE TABLE posts (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                created_at      INTEGER NOT NULL,
                text            TEXT NOT NULL,
                oldest_event_at INTEGER NOT NULL,    -- a post this old is stale (announce.staleAfter)
                state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'expired')),
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_try_at     INTEGER,             -- pending: not before this
                x_id            TEXT,                -- X's id of the post, once known
                posted_at       INTEGER,
                delete_at       INTEGER,             -- announce.x.deleteAfter: when to delete it; NULL when done or never
                deleted_at      INTEGER,
                detail          TEXT,                -- the last answer, for `footfall log`
                updated_at      INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX posts_pending ON posts(next_try_at) WHERE state = 'pending';
            CREATE INDEX posts_delete ON posts(delete_at) WHERE delete_at IS NOT NULL;

            -- The outbox gains a link to the post that carries it, and two states: 'posted' (see the post)
            -- and 'dropped' (not to be said, detail says why). SQLite cannot change a CHECK, so the table
            -- is rebuilt with the same ids.
            CREATE TABLE outbox_v2 (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                post_id    INTEGER REFERENCES posts(id),
                created_at INTEGER NOT NULL,
                state      TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'posted', 'dropped')),
                updated_at INTEGER NOT NULL,
                detail     TEXT
            ) STRICT;
            INSERT INTO outbox_v2 (id, event_id, created_at, state, updated_at, detail)
                SELECT id, event_id, created_at, state, updated_at, detail FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_v2 RENAME TO outbox;
            CREATE INDEX outbox_pending ON outbox(id) WHERE state = 'pending';
            CREATE INDEX outbox_event ON outbox(event_id);
            CREATE INDEX outbox_post ON outbox(post_id) WHERE post_id IS NOT NULL;

            -- The template last used for each person, so the next one differs.
            CREATE TABLE person_templates (
                person   TEXT NOT NULL PRIMARY KEY,
                template TEXT NOT NULL
            ) STRICT;
            """),
        new(3, "pi_episodes and pi_reading: the Pi's under-voltage and overheating, and its last sensor reading", """
            -- One row per episode of under-voltage or overheating, written when it starts, when its peak rises
            -- and when it ends, so a Pi that freezes mid-episode still leaves most of it behind.
            CREATE TABLE pi_episodes (
                id         INTEGER PRIMARY KEY,
                kind       TEXT NOT NULL CHECK (kind IN ('under_voltage', 'overheating')),
                started_at INTEGER NOT NULL,
                ended_at   INTEGER,                    -- NULL while it lasts
                peak_mc    INTEGER                     -- the highest SoC temperature in it, millidegrees Celsius; NULL: unknown
            ) STRICT;
            CREATE UNIQUE INDEX pi_episodes_start ON pi_episodes(kind, started_at);
            CREATE INDEX pi_episodes_ended ON pi_episodes(ended_at);

            -- The daemon's latest reading (one row), written about once a minute: what `footfall who` shows as
            -- now, and how far an episode left open by a crash or a freeze is known to have lasted.
            CREATE TABLE pi_reading (
                id             INTEGER PRIMARY KEY CHECK (id = 1),
                at             INTEGER NOT NULL,
                temperature_mc INTEGER,
                under_voltage  INTEGER
            ) STRICT;
            """, OlderMayWrite: true),
        new(4, "devices: DHCP hostname and client id, owner by hostname, a probable owner, an IP conflict", """
            -- What the device's last DHCP request said about it (options 12 and 61, the id as colon-separated hex).
            ALTER TABLE devices ADD COLUMN dhcp_hostname TEXT;
            ALTER TABLE devices ADD COLUMN dhcp_client_id TEXT;
            -- 1: `person` owns it through people[].hostnames, not through its MAC.
            ALTER TABLE devices ADD COLUMN by_hostname INTEGER NOT NULL DEFAULT 0;
            -- An unknown private MAC that sent what this person's configured device sent before.
            ALTER TABLE devices ADD COLUMN probably_of TEXT;
            -- Another MAC answering for last_ip at the same time (an IP conflict), while it lasts.
            ALTER TABLE devices ADD COLUMN conflict_with TEXT;
            """, OlderMayWrite: true),
        new(5, "outbox rows name their destination: the announcer, MQTT or ZenIRCBot each drain their own", """
            -- Rows made before this were the announcer's (X or the console). Each bus gets its own row per
            -- event, so each delivers in order at its own pace and a broker that is down holds back nothing else.
            ALTER TABLE outbox ADD COLUMN destination TEXT NOT NULL DEFAULT 'announce'
                CHECK (destination IN ('announce', 'mqtt', 'zenircbot'));
            DROP INDEX outbox_pending;
            CREATE INDEX outbox_pending ON outbox(destination, id) WHERE state = 'pending';
            """),
        new(6, "site: the configuration's time zone, so the commands that read the store show the site's clock", """
            -- site.timeZone's IANA name as the daemon last started with it (one row): who, log, devices and feed
            -- take --data, not the configuration, yet must show the times the page and the posts show.
            CREATE TABLE site (
                id        INTEGER PRIMARY KEY CHECK (id = 1),
                time_zone TEXT NOT NULL
            ) STRICT;
            """, OlderMayWrite: true),
        new(7, "schema_compat: the oldest schema whose footfall may still write this database, for a rollback", """
            -- Kept by MigrateForward: the newest migration applied that an older footfall must not write past
            -- (Migration.OlderMayWrite false). A footfall that knows at least that schema runs on a newer one.
            CREATE TABLE schema_compat (
                id            INTEGER PRIMARY KEY CHECK (id = 1),
                oldest_writer INTEGER NOT NULL
            ) STRICT;
            """, OlderMayWrite: true),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    public static int ReadVersion(SqliteConnection connection) =>
        (int)Sql.ScalarInt64(connection, null, "PRAGMA user_version");

    /// <summary>
    /// The oldest schema whose footfall may write a database at <paramref name="version"/>: the newest migration
    /// up to it that older code must not write past (1 when there is none).
    /// </summary>
    public static int OldestWriter(IReadOnlyList<Migration> migrations, int version) =>
        migrations.Where(m => m.Version <= version && !m.OlderMayWrite).Select(m => m.Version).DefaultIfEmpty(1).Max();

    /// <summary>
    /// What the database says of itself: the oldest schema that may write it, as the newer footfall that migrated
    /// it recorded; null when it does not say (a database from before schema_compat, or not footfall's).
    /// </summary>
    public static int? ReadOldestWriter(SqliteConnection connection)
    {
        if (!HasCompatTable(connection, null))
        {
            return null;
        }
        using SqliteCommand command = Sql.Command(connection, null, "SELECT oldest_writer FROM schema_compat WHERE id = 1");
        return command.ExecuteScalar() is long oldest ? (int)oldest : null;
    }

    /// <summary>
    /// Applies every migration after the database's version, each in its own transaction together with the new
    /// user_version, so a crash leaves the database at one version or the next, never between.
    /// </summary>
    public static void MigrateForward(SqliteConnection connection, IReadOnlyList<Migration> migrations)
    {
        int current = ReadVersion(connection);
        foreach (Migration migration in migrations)
        {
            if (migration.Version <= current)
            {
                continue;
            }
            if (migration.Version != current + 1)
            {
                throw new InvalidOperationException($"Schema migrations must be numbered without gaps: {current} is followed by {migration.Version}.");
            }
            using SqliteTransaction transaction = connection.BeginTransaction();
            Sql.Execute(connection, transaction, migration.Sql);
            // PRAGMA takes no parameters; the version is our own integer, not input.
            Sql.Execute(connection, transaction, $"PRAGMA user_version = {migration.Version}");
            RecordOldestWriter(connection, transaction, OldestWriter(migrations, migration.Version));
            transaction.Commit();
            current = migration.Version;
        }
    }

    private static void RecordOldestWriter(SqliteConnection connection, SqliteTransaction transaction, int oldest)
    {
        if (!HasCompatTable(connection, transaction))
        {
            return; // before migration 7
        }
        using SqliteCommand command = Sql.Command(connection, transaction,
            "INSERT INTO schema_compat (id, oldest_writer) VALUES (1, $oldest) ON CONFLICT (id) DO UPDATE SET oldest_writer = excluded.oldest_writer");
        Sql.Set(command, "$oldest", oldest);
        command.ExecuteNonQuery();
    }

    private static bool HasCompatTable(SqliteConnection connection, SqliteTransaction? transaction) =>
        Sql.ScalarInt64(connection, transaction, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_compat'") > 0;
}
