
namespace Footfall.Runtime;

/// <summary>The user asked for something that cannot be: a bad argument, interface or subnet. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
