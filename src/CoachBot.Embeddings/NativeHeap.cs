using System.Runtime.InteropServices;

namespace CoachBot.Embeddings;

/// <summary>
/// ONNX Runtime allocates with the C library's malloc. Loading the model parses it and frees the parse, but glibc keeps
/// freed memory mapped for later (tens of megabytes here), and an idle server would hold it for nothing.
/// </summary>
public static class NativeHeap
{
    /// <summary>Hands memory the C heap holds free back to the system (glibc's malloc_trim); elsewhere does nothing.</summary>
    public static void ReturnFreedToSystem()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another C library (musl): it returns memory on its own.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
