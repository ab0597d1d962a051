using Orchestrator.Numerics.RandomFeatures.Optimizers;

namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// Where a run trains: in H's eigenbasis (an O(N³) eigendecomposition, then O(KN) steps) or in the standard basis
/// (O(KN²) steps: one symmetric product with H, plus one Cholesky solve for the natural gradient). A pure function of the run, so a
/// cell's numbers never depend on what ran before it. Rotation-equivariant optimizers whose fixed preconditioner is
/// I or (H + δI)⁻¹ may train in either basis (the results agree to rounding); the cheaper one is chosen by a cost
/// model. Adam is not rotation-equivariant and always trains in the standard basis; other preconditioners, and the
/// finite and online regimes, keep the eigenbasis.
/// </summary>
/// <remarks>
/// Cost model, in flops of compute-bound LAPACK work: the eigendecomposition costs 9N³ (charged to the cell whole:
/// the kernel cannot know how many cells will share it); a symmetric product with H (2N² flops, half of H read, bound
/// by memory bandwidth) costs <see cref="PassWeight"/> times as much per flop. Standard-basis products: T + 1 with H
/// (the last gives the final loss) and about <see cref="LanczosPasses"/> with H for κ_max when the learning rate is
/// automatic or the damping needs it; for the natural gradient, the N³/3 Cholesky factor and T solves, each two
/// triangular solves (twice a symmetric product's reading) or, when <see cref="FormsInverse"/>, one product with
/// (H + δI)⁻¹ formed for 2N³/3 more.
/// </remarks>
public static class TrainingBasis
{
    /// <summary>Cost of a flop of a matrix-vector pass relative to a flop of the eigensolver (measured, 2-core EPYC).</summary>
    public const double PassWeight = 5.0;

    /// <summary>Typical Lanczos iterations for κ_max on this experiment's spectra (10–19 measured at N = 1024).</summary>
    public const int LanczosPasses = 20;

    /// <summary>
    /// Below this relative damping H + δI is too ill-conditioned for a Cholesky solve to match the eigenbasis, which
    /// drops H's numerical null space; such runs keep the eigenbasis.
    /// </summary>
    public const double MinimumFactoredDamping = 1e-10;

    /// <summary>True when <paramref name="run"/> trains in H's eigenbasis, false in the standard basis.</summary>
    public static bool UsesEigenbasis(RandomFeaturesRun run, IReadoutOptimizer optimizer)
    {
        if (!optimizer.IsRotationEquivariant)
        {
            return false;
        }

        if (!AllowsStandardBasis(run, optimizer))
        {
            return true;
        }

        var factored = optimizer.PreconditionerForm == PreconditionerForm.DampedInverse;
        double n = run.Size;
        var inverse = FormsInverse(run);
        var passes = run.Steps + 1.0 + (NeedsLargestEigenvalue(run, optimizer) ? LanczosPasses : 0)
            + (factored ? run.Steps * (inverse ? 1.0 : 2.0) : 0);
        var standard = PassWeight * 2 * n * n * passes + (factored ? (inverse ? 1.0 : 1.0 / 3.0) * n * n * n : 0);
        var eigenbasis = 9 * n * n * n;
        return eigenbasis <= standard;
    }

    /// <summary>
    /// True when a standard-basis run that solves with (H + δI) once per step forms the inverse: its 2N³/3 flops
    /// are less than what the T solves save by reading half of it (one symmetric product each) instead of the
    /// factor's triangle twice.
    /// </summary>
    public static bool FormsInverse(RandomFeaturesRun run)
    {
        double n = run.Size;
        return PassWeight * 2 * n * n * run.Steps > 2.0 / 3.0 * n * n * n;
    }

    /// <summary>
    /// True when a rotation-equivariant run may train in the standard basis: population data, P = I (or none) or
    /// P = (H + δI)⁻¹ with damping at least <see cref="MinimumFactoredDamping"/>.
    /// </summary>
    public static bool AllowsStandardBasis(RandomFeaturesRun run, IReadoutOptimizer optimizer) =>
        run.Data.Kind == DataRegimeKind.Population
        && optimizer.PreconditionerForm switch
        {
            PreconditionerForm.Identity => true,
            PreconditionerForm.DampedInverse => run.OptimizerSettings.Damping >= MinimumFactoredDamping,
            _ => false,
        };

    /// <summary>
    /// True when a standard-basis run needs κ_max: for <c>lr: auto</c> (η = lr_scale / κ'_max) or for the damping
    /// δ = damping × κ_max of (H + δI)⁻¹.
    /// </summary>
    public static bool NeedsLargestEigenvalue(RandomFeaturesRun run, IReadoutOptimizer optimizer) =>
        optimizer.HasFixedPreconditioner
        && (run.LearningRate is null || optimizer.PreconditionerForm == PreconditionerForm.DampedInverse);
}
