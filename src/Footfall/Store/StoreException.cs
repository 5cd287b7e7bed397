namespace Footfall.Store;

/// <summary>
/// The store cannot do what was asked: the database is missing, newer than this footfall, not a database,
/// or the disk refused. The message names the file and says what to do, so it can go to the user as it is.
/// </summary>
public class StoreException : Exception
{
    public StoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
