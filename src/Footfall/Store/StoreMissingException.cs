namespace Footfall.Store;

/// <summary>There is no database in the data directory yet: for the read-only commands that is a usage error (wrong --data).</summary>
public sealed class StoreMissingException(string message) : StoreException(message);
