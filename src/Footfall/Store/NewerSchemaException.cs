namespace Footfall.Store;

/// <summary>The database's schema is a newer footfall's, and it says this footfall must not write it.</summary>
public sealed class NewerSchemaException(int version, string message) : StoreException(message)
{
    /// <summary>The database's schema version.</summary>
    public int Version { get; } = version;
}
