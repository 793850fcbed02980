using Microsoft.Data.Sqlite;

namespace KubeMesos.Framework.Store;

/// <summary>
/// The SQLite store's tables. <c>objects</c>: the current object per (resource, path) with the version it was written
/// at. <c>changes</c>: the change log watches replay, trimmed to the newest <c>WatchHistory</c> entries.
/// <c>store_state</c>: the store-wide version counter and the newest version trimmed from the log. Each <c>json</c> is
/// the object's UTF-8 JSON, written as a blob (<c>SELECT CAST(json AS TEXT)</c> shows it in the sqlite3 shell); files
/// written before hold text, which reads the same, so both stay schema version 1.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public static void Ensure(SqliteConnection connection)
    {
        // WAL: readers (lists, watches) never block the writer, and a commit is one append to the log file.
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS objects(
                resource TEXT NOT NULL,
                path TEXT NOT NULL,
                namespace TEXT,
                version INTEGER NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (resource, path)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS changes(
                version INTEGER PRIMARY KEY,
                resource TEXT NOT NULL,
                namespace TEXT,
                type INTEGER NOT NULL,
                json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS changes_by_resource ON changes(resource, version);
            CREATE TABLE IF NOT EXISTS store_state(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
            INSERT OR IGNORE INTO store_state(key, value) VALUES ('version', 0), ('compacted', 0);
            """, transaction);
        var existing = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;", transaction), System.Globalization.CultureInfo.InvariantCulture);
        if (existing > Version)
        {
            throw new InvalidOperationException($"{connection.DataSource} has schema version {existing}, newer than this build understands ({Version}).");
        }

        Execute(connection, $"PRAGMA user_version = {Version};", transaction);
        transaction.Commit();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}
