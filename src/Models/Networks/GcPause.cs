using System.Runtime;

namespace RlaifV.Models;

/// <summary>
/// Holds off garbage collection for one training step. TorchSharp builds temporary <c>Scalar</c> objects inside calls
/// we do not control (its optimizers' <c>mul_(1 - lr·wd)</c>, for one) and does not keep them alive across the native
/// call; a collection during that call can finalize the scalar while libtorch reads it, which crashed a world pretrain
/// at step 2,855 of 3,000 ("Expected false to be true" in c10::Scalar::toDouble). With no collection during the step,
/// no such scalar can be finalized early. The region is best effort: when the runtime cannot grant it, or the step
/// allocates past the budget, the step runs as before.
/// </summary>
public readonly struct GcPause : IDisposable
{
    private const long Budget = 64L * 1024 * 1024;
    private readonly bool started;

    private GcPause(bool started) => this.started = started;

    /// <summary>Starts a no-GC region of 64 MiB of allocations (nothing when one is already active).</summary>
    public static GcPause Start()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return default;
        try
        {
            return new GcPause(GC.TryStartNoGCRegion(Budget));
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>Ends the region if it is still active (it ends by itself when the budget is used up).</summary>
    public void Dispose()
    {
        if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
    }
}
