using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.RandomFeatures.Training;

namespace Orchestrator.Numerics.RandomFeatures.Memory;

/// <summary>
/// Estimates a random-features cell's memory from its definition alone, before it runs: the same array sizes the
/// problem builder and the trainer record in their byte ledger, in closed form. Pure and cheap (no array of the cell's
/// size is allocated); admission control calls it for every cell of a spec.
/// </summary>
/// <remarks>
/// With K outputs, N features, M latent dimensions, D finite samples, B minibatch size (8 bytes a double):
/// build = K·M + N² + K·N (+ N·M online; + N·D + K·D finite) + the N×w feature block (w = min(256, M)), and finite
/// data then adds Ĥ, B̂ (N² + K·N) while Φ is still held. Training in the eigenbasis = the kept matrices + the
/// eigenbasis (N² + N) with the eigensolver's workspace, or κ, P, the rotated B, the oracle's work arrays, the
/// optimizer's state and A, G; in the standard basis (<see cref="TrainingBasis"/>) = the kept matrices + Lanczos'
/// Krylov basis, or the Cholesky factor (N², natural gradient), the product A·H, the optimizer's state and A, G.
/// </remarks>
public static class RandomFeaturesMemoryEstimate
{
    /// <summary>Allowance for a run's small objects (loss curve, closures, oracles): 64 KiB.</summary>
    public const long PerRunAllowanceBytes = 64 * 1024;

    // Their eigensolvers' workspaces differ; the figure must not depend on which one a silo loads.
    private static readonly IDenseLinearAlgebra[] Providers =
    [
        ManagedDenseLinearAlgebra.Instance,
        NativeDenseLinearAlgebra.Instance,
        NativeDenseLinearAlgebra.WithDivideAndConquer,
    ];

    /// <summary>
    /// Bytes to reserve for <paramref name="run"/> on whichever dense linear algebra runs it: the largest estimate
    /// over the providers, so a client and a silo agree whatever library each loaded.
    /// </summary>
    /// <exception cref="ArgumentException">The run is invalid (see <see cref="RunValidation"/>).</exception>
    public static long Bytes(RandomFeaturesRun run) => Providers.Max(algebra => Estimate(run, algebra).Bytes);

    /// <summary>The estimate by phase, for the given linear algebra (its eigensolver's workspace differs).</summary>
    /// <exception cref="ArgumentException">The run is invalid (see <see cref="RunValidation"/>).</exception>
    public static RandomFeaturesMemory Estimate(RandomFeaturesRun run, IDenseLinearAlgebra algebra)
    {
        RunValidation.Validate(run);
        long k = run.Outputs, n = run.Size, m = run.LatentDim;
        var finite = run.Data.Kind == DataRegimeKind.Finite ? run.Data.Samples : 0L;
        var batch = run.Data.Kind == DataRegimeKind.Online ? run.Data.Samples : 0L;
        var online = run.Data.Kind == DataRegimeKind.Online;

        var build = BuildPeakDoubles(k, n, m, finite, online);
        var training = TrainingPeakBytes(run, algebra, k, n, m, finite, batch, online);
        // Λ^½ (M doubles) and one 32-byte xoshiro256** state per feature row and finite sample.
        var untracked = 8 * m + 32 * (n + finite) + PerRunAllowanceBytes;
        return new RandomFeaturesMemory(8 * build, training, untracked);
    }

    private static long BuildPeakDoubles(long k, long n, long m, long finite, bool online)
    {
        var width = Math.Min(ProblemBuilder.BlockWidth, m);
        var kept = k * m + n * n + k * n + (online ? n * m : 0) + n * finite + k * finite;
        var whileGenerating = kept + n * width + k * width + finite * width;
        var whileEmpirical = finite > 0 ? kept + n * n + k * n : 0;
        return Math.Max(whileGenerating, whileEmpirical);
    }

    private static long TrainingPeakBytes(RandomFeaturesRun run, IDenseLinearAlgebra algebra,
        long k, long n, long m, long finite, long batch, bool online)
    {
        var optimizer = OptimizerRegistry.Resolve(run.Optimizer);
        // Every optimizer's state is a whole number of K×N arrays, so a 1×1 update gives the bytes per entry without
        // allocating the state itself.
        var statePerEntry = optimizer.CreateUpdate(1, 1, run.OptimizerSettings,
            optimizer.HasFixedPreconditioner ? [1.0] : null).StateBytes;
        if (optimizer.IsRotationEquivariant && !TrainingBasis.UsesEigenbasis(run, optimizer))
        {
            // Standard basis, population data: H and B; Lanczos' basis, then the Cholesky factor, the product A·H,
            // the optimizer's state, A and G.
            var kept = 8 * (n * n + k * n);
            var lanczos = TrainingBasis.NeedsLargestEigenvalue(run, optimizer) ? LanczosLargestEigenvalue.WorkBytes((int)n) : 0;
            var factor = optimizer.PreconditionerForm == PreconditionerForm.DampedInverse ? 8 * n * n : 0;
            var stepping = kept + factor + 8 * k * n + statePerEntry * k * n + 8 * 2 * k * n;
            return Math.Max(kept + lanczos, stepping);
        }

        var inEigenbasis = optimizer.IsRotationEquivariant;
        var needsSpectrum = inEigenbasis || (optimizer.HasFixedPreconditioner && run.LearningRate is null);

        var resident = 8 * ((n * n + k * n) + (finite > 0 ? n * n + k * n : 0) + (online ? n * m + k * m : 0));
        var eigen = needsSpectrum ? 8 * (n * n + n) : 0;
        var whileEigendecomposing = resident + eigen + (needsSpectrum ? algebra.EigendecompositionWorkspaceBytes((int)n) : 0);

        var spectrum = needsSpectrum ? 8 * n * (optimizer.HasFixedPreconditioner ? 2 : 1) : 0;
        var rotatedCross = inEigenbasis ? 8 * k * n : 0;
        var work = 8 * OracleWorkDoubles(inEigenbasis, k, n, m, finite, batch, online);
        var state = statePerEntry * k * n;
        var whileTraining = resident + eigen + spectrum + rotatedCross + work + state + 8 * 2 * k * n;
        return Math.Max(whileEigendecomposing, whileTraining);
    }

    // Mirrors the trainer's choice of gradient oracle and population-loss probe, and their work arrays.
    private static long OracleWorkDoubles(bool inEigenbasis, long k, long n, long m, long finite, long batch, bool online)
    {
        var minibatch = batch * m + batch * n + batch * k + k * batch;
        if (inEigenbasis)
        {
            // Rotated features in the minibatch oracle; a finite-data probe rotates A back and multiplies by H.
            return online ? minibatch + batch * n : finite > 0 ? 2 * k * n : 0;
        }

        // Standard basis: the dense probe's product, plus the oracle's own work unless it is the probe itself.
        return k * n + (online ? minibatch : finite > 0 ? k * n : 0);
    }
}
