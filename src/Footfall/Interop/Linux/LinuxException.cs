using System.Runtime.InteropServices;

namespace Footfall.Interop.Linux;

/// <summary>A failed system call: the operation, what it was applied to, and the errno text.</summary>
public sealed class LinuxException : Exception
{
    public LinuxException(string operation, string argument, int errno)
        : base($"Could not {operation} '{argument}': {Marshal.GetPInvokeErrorMessage(errno)}")
    {
        Operation = operation;
        Argument = argument;
        Errno = errno;
    }

    public string Operation { get; }

    public string Argument { get; }

    public int Errno { get; }

    /// <summary>Throws for the errno of the last failed import.</summary>
    public static LinuxException FromLastError(string operation, string argument) =>
        new(operation, argument, Marshal.GetLastPInvokeError());
}
