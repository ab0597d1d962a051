namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// The optimizers the random-feature experiment knows, by spec name. Spec validation reads it; the kernel resolves
/// names through it. Adding an optimizer is one type plus one line here.
/// </summary>
public static class OptimizerRegistry
{
    private sealed record Entry(string Name, IReadoutOptimizer Optimizer)
    {
        public bool HasFixedPreconditioner => Optimizer.HasFixedPreconditioner;
    }

    private static readonly Entry[] Entries =
    [
        new("gd", new GradientDescent()),
        new("momentum", new HeavyBallMomentum()),
        new("adam", new Adam()),
        new("matrix-sign", new MatrixSign()),
        new("natural-gradient", new NaturalGradient()),
        new("ng-power", new NaturalGradientPower()),
    ];

    /// <summary>All registered names, in registration order (the default five first).</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    public static bool IsKnown(string name) => Entries.Any(e => e.Name == name);

    /// <summary>The optimizer registered under <paramref name="name"/>; ArgumentException when unknown.</summary>
    public static IReadoutOptimizer Resolve(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)?.Optimizer
        ?? throw new ArgumentException($"unknown optimizer '{name}'; known: {string.Join(", ", Names)}", nameof(name));

    /// <summary>
    /// True when <c>lr: auto</c> is defined for the optimizer: it has a fixed preconditioner P, so
    /// η = lr_scale / κ'_max(P·∇²L) exists. False for adaptive ones (<c>adam</c>, <c>matrix-sign</c>).
    /// </summary>
    public static bool SupportsAutoLearningRate(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)?.HasFixedPreconditioner
        ?? throw new ArgumentException($"unknown optimizer '{name}'", nameof(name));
}
