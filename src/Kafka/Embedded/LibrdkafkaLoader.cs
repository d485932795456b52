using System.Reflection;
using System.Runtime.InteropServices;

namespace RlaifV.Kafka.Embedded;

/// <summary>
/// Makes sure exactly one librdkafka lives in the process. Confluent.Kafka loads its library first, with
/// its own fallback order (on glibc Linux: the default build, which needs libsasl2, then the package's
/// centos8 build); this assembly's P/Invokes then resolve, in the same order and through the same probing
/// paths, to the same file, which the dynamic loader hands back as the already-loaded copy. On Linux the
/// process's memory map is checked afterwards and a second copy is an error.
/// </summary>
public static class LibrdkafkaLoader
{
    private static readonly Lock Gate = new();
    private static IntPtr handle;
    private static string? loadedName;

    static LibrdkafkaLoader()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLoader).Assembly, Resolve);
    }

    /// <summary>The library name the handle was resolved from (for example <c>centos8-librdkafka.so</c>).</summary>
    public static string? LoadedName
    {
        get
        {
            lock (Gate) return loadedName;
        }
    }

    /// <summary>
    /// Loads librdkafka through Confluent.Kafka (if not yet loaded) and resolves this assembly's handle to the
    /// same copy. Idempotent and thread-safe.
    /// </summary>
    /// <exception cref="DllNotFoundException">No candidate library could be loaded.</exception>
    /// <exception cref="InvalidOperationException">More than one librdkafka file is mapped into the process.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (handle != IntPtr.Zero) return;
            Confluent.Kafka.Library.Load();
            var confluent = typeof(Confluent.Kafka.Library).Assembly;
            foreach (var name in CandidateNames())
            {
                if (NativeLibrary.TryLoad(name, confluent, null, out var h))
                {
                    handle = h;
                    loadedName = name;
                    break;
                }
            }
            if (handle == IntPtr.Zero)
                throw new DllNotFoundException($"librdkafka could not be loaded under any of: {string.Join(", ", CandidateNames())}");
            var copies = MappedCopies();
            if (copies.Count > 1)
                throw new InvalidOperationException($"more than one librdkafka is loaded into the process: {string.Join(", ", copies)}");
        }
    }

    /// <summary>
    /// The distinct librdkafka files mapped into this process (Linux only; empty elsewhere). Exactly one once
    /// <see cref="EnsureLoaded"/> has run.
    /// </summary>
    public static IReadOnlyList<string> MappedCopies()
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps)) return [];
        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var i and >= 0 ? line[i..] : null)
            .Where(path => path is not null && Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            .Select(path => path!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibrdkafkaNative.Library) return IntPtr.Zero;
        EnsureLoaded();
        return handle;
    }

    private static string[] CandidateNames()
    {
        if (OperatingSystem.IsLinux())
        {
            var alpine = File.Exists("/etc/os-release")
                && File.ReadLines("/etc/os-release").Any(l => l.Trim() is "ID=alpine" or "ID=\"alpine\"");
            return alpine ? ["alpine-librdkafka.so", "librdkafka"] : ["librdkafka", "centos8-librdkafka.so"];
        }
        return ["librdkafka"];
    }
}
