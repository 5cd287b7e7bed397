using Footfall.Net;
using Microsoft.Data.Sqlite;

namespace Footfall.Store;

/// <summary>Small helpers that keep the store's SQL parameterised and its NULL handling in one place.</summary>
internal static class Sql
{
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        using SqliteCommand command = Command(connection, transaction, text);
        command.ExecuteNonQuery();
    }

    public static long ScalarInt64(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        using SqliteCommand command = Command(connection, transaction, text);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Adds a parameter, or sets its value when the command is reused: null becomes SQL NULL.</summary>
    public static void Set(SqliteCommand command, string name, object? value)
    {
        object boxed = value ?? DBNull.Value;
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = boxed;
        }
        else
        {
            command.Parameters.AddWithValue(name, boxed);
        }
    }

    public static long? Milliseconds(DateTimeOffset? time) => time is { } t ? UnixTime.ToMilliseconds(t) : null;

    public static string? Text(MacAddress? mac) => mac?.ToString();

    public static string? Text(Ipv4Address? ip) => ip?.ToString();

    public static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset Time(SqliteDataReader reader, int ordinal) =>
        UnixTime.FromMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixTime.FromMilliseconds(reader.GetInt64(ordinal));

    /// <summary>Reads a MAC written by this store; a row that does not parse means the file was edited by hand.</summary>
    public static MacAddress Mac(SqliteDataReader reader, int ordinal) =>
        MacAddress.TryParse(reader.GetString(ordinal), out MacAddress mac)
            ? mac
            : throw new StoreException($"The database holds '{reader.GetString(ordinal)}' where a MAC address belongs.");

    public static MacAddress? NullableMac(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Mac(reader, ordinal);

    public static Ipv4Address Ip(SqliteDataReader reader, int ordinal) =>
        Ipv4Address.TryParse(reader.GetString(ordinal), out Ipv4Address ip)
            ? ip
            : throw new StoreException($"The database holds '{reader.GetString(ordinal)}' where an IPv4 address belongs.");

    public static Ipv4Address? NullableIp(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Ip(reader, ordinal);
}
