using Orchestrator.Numerics.Optimizers;

namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// The optimizers the random-feature experiment knows, by spec name. Spec validation reads it; the kernel resolves
/// names through it. Adding an optimizer is one line here, plus its rule when the shared family
/// (<c>Orchestrator.Numerics.Optimizers</c>) does not have it yet.
/// </summary>
public static class OptimizerRegistry
{
    private static readonly IReadoutOptimizer[] Entries =
    [
        // A ← A − η G. P = I.
        ReadoutOptimizer.WithFixedPreconditioner("gd", PreconditionerForm.Identity, (_, _, _) => 1.0, (_, n, _, _) => new PreconditionedGradientDescent(n, null)),
        // Heavy ball, V ← μV + G, A ← A − ηV (μ = OptimizerSettings.Momentum), no weight decay. P = I.
        ReadoutOptimizer.WithFixedPreconditioner("momentum", PreconditionerForm.Identity, (_, _, _) => 1.0, (k, n, s, _) => new MomentumUpdate(k * n, s.Momentum)),
        // Adam with bias correction, no weight decay, in the standard feature basis: not rotation-equivariant.
        ReadoutOptimizer.Adaptive("adam", isRotationEquivariant: false, (k, n, s, _) => new AdamUpdate(k * n, s.Beta1, s.Beta2, s.Epsilon)),
        // A ← A − η·msign(G), the exact polar factor (a Muon proxy).
        ReadoutOptimizer.Adaptive("matrix-sign", isRotationEquivariant: true, (k, n, _, _) => new MatrixSignUpdate(k, n)),
        // A ← A − η G (H + δI)^(−1), δ = damping × κ_max. With lr auto the step size is 1/max_i[(2/K)κ_i/(κ_i + δ)],
        // so as δ → 0 one step lands on the minimum-norm minimiser.
        ReadoutOptimizer.WithFixedPreconditioner("natural-gradient", PreconditionerForm.DampedInverse,
            (kappa, largest, s) => PowerPreconditioner.Eigenvalue(kappa, largest, s.Damping, 1.0), Preconditioned),
        // A ← A − η G (H + δI)^(−γ), γ = OptimizerSettings.Gamma (γ = 1/2 is the large-batch limit of Muon-like
        // updates; γ = 0 is gd, γ = 1 natural gradient).
        ReadoutOptimizer.WithFixedPreconditioner("ng-power", PreconditionerForm.Spectral,
            (kappa, largest, s) => PowerPreconditioner.Eigenvalue(kappa, largest, s.Damping, s.Gamma), Preconditioned),
    ];

    /// <summary>All registered names, in registration order (the default five first).</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    public static bool IsKnown(string name) => Entries.Any(e => e.Name == name);

    /// <summary>The optimizer registered under <paramref name="name"/>; ArgumentException when unknown.</summary>
    public static IReadoutOptimizer Resolve(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new ArgumentException($"unknown optimizer '{name}'; known: {string.Join(", ", Names)}", nameof(name));

    /// <summary>
    /// True when <c>lr: auto</c> is defined for the optimizer: it has a fixed preconditioner P, so
    /// η = lr_scale / κ'_max(P·∇²L) exists. False for adaptive ones (<c>adam</c>, <c>matrix-sign</c>).
    /// </summary>
    public static bool SupportsAutoLearningRate(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)?.HasFixedPreconditioner
        ?? throw new ArgumentException($"unknown optimizer '{name}'", nameof(name));

    // The trainer always passes P's diagonal to an optimizer with a fixed preconditioner; gd and momentum ignore it.
    private static IParameterUpdate Preconditioned(int outputs, int size, OptimizerSettings settings, double[]? preconditioner) =>
        new PreconditionedGradientDescent(size, preconditioner ?? throw new ArgumentNullException(nameof(preconditioner)));
}
