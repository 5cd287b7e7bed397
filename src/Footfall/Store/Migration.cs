namespace Footfall.Store;

/// <summary>
/// One step of the schema: the SQL that takes a database from <c>Version - 1</c> to <paramref name="Version"/>.
/// </summary>
/// <param name="OlderMayWrite">
/// True when a footfall that knows only the schemas before this one may go on writing a database this step
/// made, as it is: the step only adds (a table, a nullable or defaulted column, an index) and the older code,
/// which never touches what was added, still means the same by every row it reads or writes. That is what
/// lets an update be rolled back without losing what the newer footfall recorded. False (the default, the
/// safe side) when older code would misread what it finds (a new state in a column it reads, rows it would
/// act on that are not its own): the database is copied before such a step, and an older footfall puts that
/// copy back (<see cref="RollbackCopy"/>).
/// </param>
internal sealed record Migration(int Version, string Description, string Sql, bool OlderMayWrite = false);
