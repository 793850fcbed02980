using Microsoft.Data.Sqlite;

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

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
