using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KubeMesos.Framework.Store;

/// <summary>
/// Where one of the SQLite store's statements runs: a connection, its transaction and, on the writer's long-lived
/// connection, the statements it keeps compiled (<see cref="PreparedCommands"/>).
/// </summary>
internal readonly record struct SqliteSession(SqliteConnection Connection, SqliteTransaction? Transaction, PreparedCommands? Prepared = null)
{
    /// <summary>The statement with its parameters bound; dispose it (a prepared one stays with its connection).</summary>
    public Statement Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (Prepared is not null)
        {
            return new Statement(Prepared.Bind(sql, Transaction, parameters), owned: false);
        }

        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return new Statement(command, owned: true);
    }

    public void Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        // The writer's statements inside its transaction: straight through SQLite's C API (no busy wait is needed
        // there, BEGIN IMMEDIATE holds the write lock).
        if (Prepared is not null && Transaction is not null)
        {
            Prepared.Execute(sql, parameters);
            return;
        }

        using var statement = Command(sql, parameters);
        statement.Command.ExecuteNonQuery();
    }

    internal readonly struct Statement(SqliteCommand command, bool owned) : IDisposable
    {
        public SqliteCommand Command { get; } = command;

        public void Dispose()
        {
            if (owned)
            {
                Command.Dispose();
            }
        }
    }
}

/// <summary>
/// The single writer's connection with its statements kept compiled, by text. SQLite compiles a statement's text for
/// every new command, and parsing plus code generation were a few per cent of a pod burst's CPU (a write runs three
/// statements); the writer runs the same few texts over and over, so each is compiled once and only rebound.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (sqlite3_stmt Statement, int[] Indexes)> _statements = new(StringComparer.Ordinal);
    private byte[] _text = new byte[256];

    public SqliteConnection Connection { get; } = connection;

    public SqliteCommand Bind(string sql, SqliteTransaction? transaction, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands[sql] = command;
        }

        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>
    /// Runs a statement that returns no rows straight through SQLite's C API, its parameters bound by the index found
    /// at its first run. Microsoft.Data.Sqlite allocates a binder per parameter per execution and a UTF-8 copy of every
    /// string, and walks the command's statement list with an enumerator: a tenth of the writer's allocations for the
    /// two inserts of every write.
    /// </summary>
    /// <param name="parameters">The same names in the same order at every run of <paramref name="sql"/>.</param>
    public void Execute(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var db = Connection.Handle!;
        if (!_statements.TryGetValue(sql, out var prepared))
        {
            Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
            var indexes = new int[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                indexes[i] = raw.sqlite3_bind_parameter_index(statement, parameters[i].Name);
            }

            prepared = (statement, indexes);
            _statements[sql] = prepared;
        }

        var stmt = prepared.Statement;
        try
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var index = prepared.Indexes[i];
                Check(parameters[i].Value switch
                {
                    null => raw.sqlite3_bind_null(stmt, index),
                    long value => raw.sqlite3_bind_int64(stmt, index, value),
                    int value => raw.sqlite3_bind_int64(stmt, index, value),
                    byte[] value => raw.sqlite3_bind_blob(stmt, index, value),
                    string value => raw.sqlite3_bind_text(stmt, index, Utf8(value)),
                    var value => throw new ArgumentException($"No SQLite binding for a {value.GetType().Name}.", nameof(parameters)),
                }, db);
            }

            var rc = raw.sqlite3_step(stmt);
            if (rc is not raw.SQLITE_DONE and not raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
        finally
        {
            // SQLite copies bound values (SQLITE_TRANSIENT), so the text buffer is free again once bound.
            raw.sqlite3_reset(stmt);
        }
    }

    // The UTF-8 of a bound text, in a buffer the single writer reuses.
    private ReadOnlySpan<byte> Utf8(string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_text.Length < length)
        {
            _text = new byte[Math.Max(length, _text.Length * 2)];
        }

        return _text.AsSpan(0, Encoding.UTF8.GetBytes(value, _text));
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public void Dispose()
    {
        foreach (var (statement, _) in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
