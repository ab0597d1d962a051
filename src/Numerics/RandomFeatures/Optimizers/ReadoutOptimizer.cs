using Orchestrator.Numerics.Optimizers;

namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// A registered readout optimizer put together from its parts: how it runs in this experiment (basis, fixed
/// preconditioner) and the factory of its update rule. It holds no numerics itself, so a rule shared with the FFN
/// experiment is registered here by one line and written only once.
/// </summary>
internal sealed class ReadoutOptimizer : IReadoutOptimizer
{
    // (κ, κ_max, settings) → the eigenvalue of P on H's eigenvector with eigenvalue κ; null when P is not fixed.
    private readonly Func<double, double, OptimizerSettings, double>? _preconditioner;
    // (K, N, settings, P's diagonal or null) → the rule of one run.
    private readonly Func<int, int, OptimizerSettings, double[]?, IParameterUpdate> _createUpdate;

    private ReadoutOptimizer(string name, bool isRotationEquivariant, PreconditionerForm form,
        Func<double, double, OptimizerSettings, double>? preconditioner,
        Func<int, int, OptimizerSettings, double[]?, IParameterUpdate> createUpdate)
    {
        Name = name;
        IsRotationEquivariant = isRotationEquivariant;
        PreconditionerForm = form;
        _preconditioner = preconditioner;
        _createUpdate = createUpdate;
    }

    /// <summary>
    /// An optimizer with a fixed preconditioner P = f(H) (so <c>lr: auto</c> is defined); it is rotation-equivariant,
    /// because the trainer applies P in H's eigenbasis (or, for the forms that allow it, in the standard basis).
    /// <paramref name="form"/> must describe the same P as <paramref name="preconditioner"/>.
    /// </summary>
    public static ReadoutOptimizer WithFixedPreconditioner(string name, PreconditionerForm form,
        Func<double, double, OptimizerSettings, double> preconditioner,
        Func<int, int, OptimizerSettings, double[]?, IParameterUpdate> createUpdate) =>
        new(name, true, form, preconditioner, createUpdate);

    /// <summary>An adaptive optimizer: no fixed preconditioner, so it needs a numeric learning rate.</summary>
    public static ReadoutOptimizer Adaptive(string name, bool isRotationEquivariant,
        Func<int, int, OptimizerSettings, double[]?, IParameterUpdate> createUpdate) =>
        new(name, isRotationEquivariant, PreconditionerForm.Identity, null, createUpdate);

    public string Name { get; }
    public bool IsRotationEquivariant { get; }
    public bool HasFixedPreconditioner => _preconditioner is not null;
    public PreconditionerForm PreconditionerForm { get; }

    public double PreconditionerEigenvalue(double kappa, double largestKappa, OptimizerSettings settings) =>
        _preconditioner is { } preconditioner
            ? preconditioner(kappa, largestKappa, settings)
            : throw new NotSupportedException($"{Name} has no fixed preconditioner");

    public IParameterUpdate CreateUpdate(int outputs, int size, OptimizerSettings settings, double[]? preconditioner) =>
        _createUpdate(outputs, size, settings, preconditioner);
}
