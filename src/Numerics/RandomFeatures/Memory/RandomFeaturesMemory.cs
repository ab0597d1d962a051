namespace Orchestrator.Numerics.RandomFeatures.Memory;

/// <summary>
/// The memory one random-features cell needs, by phase. <see cref="LedgerPeakBytes"/> equals the
/// <see cref="Training.RunResult.PeakBytes"/> the kernel reports for the same run and algebra; <see cref="Bytes"/>
/// adds the small arrays the ledger does not count and a fixed allowance for per-run objects, so it bounds the
/// arrays a run holds from above.
/// </summary>
/// <param name="BuildPeakBytes">Peak of the problem build: H, B, W̃, feature blocks and the data-regime buffers.</param>
/// <param name="TrainingPeakBytes">Peak of training: the kept problem, eigenbasis, optimizer state, work arrays.</param>
/// <param name="UntrackedBytes">Arrays outside the ledger (Λ^½, random streams) plus <see cref="RandomFeaturesMemoryEstimate.PerRunAllowanceBytes"/>.</param>
public sealed record RandomFeaturesMemory(long BuildPeakBytes, long TrainingPeakBytes, long UntrackedBytes)
{
    /// <summary>The kernel ledger's peak: the larger of the two phases (they do not overlap in the ledger).</summary>
    public long LedgerPeakBytes => Math.Max(BuildPeakBytes, TrainingPeakBytes);

    /// <summary>Bytes to reserve for the cell.</summary>
    public long Bytes => LedgerPeakBytes + UntrackedBytes;
}
