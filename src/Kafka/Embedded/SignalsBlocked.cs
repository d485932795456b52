using System.Runtime.InteropServices;

namespace RlaifV.Kafka.Embedded;

/// <summary>
/// Blocks every blockable signal on the calling thread for the scope's life, so that a native thread started inside
/// the scope inherits the blocked mask. librdkafka does this for the threads of its clients, but not for the mock
/// cluster's thread, which ends for good when its <c>poll</c> returns <c>EINTR</c>: in a .NET process a SIGCONT (after
/// Ctrl-Z and <c>fg</c>, or SIGSTOP and SIGCONT) runs the runtime's handler on some thread, and when that is the mock
/// thread the broker is gone while the process lives on. With the mask, signals go to the runtime's threads, which
/// retry. Linux (glibc and musl) only; elsewhere the scope does nothing.
/// </summary>
internal readonly unsafe struct SignalsBlocked : IDisposable
{
    private const int SigSetMask = 2; // SIG_SETMASK on Linux
    private const int SigSetBytes = 128; // sizeof(sigset_t) on Linux, with room to spare for the kernel's 8

    private static readonly (IntPtr Fill, IntPtr Mask) Functions = Resolve();
    private readonly byte[]? previous;

    private SignalsBlocked(byte[]? previous) => this.previous = previous;

    /// <summary>Blocks every blockable signal on this thread until <see cref="Dispose"/>.</summary>
    public static SignalsBlocked Enter()
    {
        var (fill, mask) = Functions;
        if (fill == IntPtr.Zero || mask == IntPtr.Zero) return new SignalsBlocked(null);
        var all = stackalloc byte[SigSetBytes];
        var old = new byte[SigSetBytes];
        ((delegate* unmanaged<byte*, int>)fill)(all);
        fixed (byte* o = old)
        {
            if (((delegate* unmanaged<int, byte*, byte*, int>)mask)(SigSetMask, all, o) != 0) return new SignalsBlocked(null);
        }
        return new SignalsBlocked(old);
    }

    /// <summary>Restores the thread's previous mask.</summary>
    public void Dispose()
    {
        if (previous is null) return;
        fixed (byte* o = previous) ((delegate* unmanaged<int, byte*, byte*, int>)Functions.Mask)(SigSetMask, o, null);
    }

    private static (IntPtr, IntPtr) Resolve()
    {
        if (!OperatingSystem.IsLinux()) return (IntPtr.Zero, IntPtr.Zero);
        foreach (var name in new[] { "libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc.so" })
        {
            if (!NativeLibrary.TryLoad(name, out var libc)) continue;
            if (NativeLibrary.TryGetExport(libc, "sigfillset", out var fill) && NativeLibrary.TryGetExport(libc, "pthread_sigmask", out var mask))
                return (fill, mask);
        }
        return (IntPtr.Zero, IntPtr.Zero);
    }
}
