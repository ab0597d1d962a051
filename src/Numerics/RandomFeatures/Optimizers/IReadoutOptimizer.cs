using Orchestrator.Numerics.Optimizers;

namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>
/// An optimizer of the K×N readout A. It describes itself to the trainer (basis it can run in, its fixed
/// preconditioner) and creates the per-run update rule that holds its state: a rule of the shared family
/// (<see cref="IParameterUpdate"/>) applied to the readout as one flat K×N row-major array.
/// </summary>
public interface IReadoutOptimizer
{
    /// <summary>Spec name, e.g. <c>gd</c>.</summary>
    string Name { get; }

    /// <summary>
    /// True when the update commutes with an orthogonal change of feature basis (A → A Q, G → G Q). Such optimizers
    /// are trained exactly in the eigenbasis of H, where a population step costs O(KN). Adam is not equivariant.
    /// </summary>
    bool IsRotationEquivariant { get; }

    /// <summary>True when the optimizer has a fixed preconditioner P = f(H), so <c>lr: auto</c> is defined.</summary>
    bool HasFixedPreconditioner { get; }

    /// <summary>
    /// What P is as a matrix (<see cref="PreconditionerForm.Identity"/> when there is no fixed preconditioner): the
    /// trainer can apply P = I and P = (H + δI)⁻¹ in the standard basis, any other P only in H's eigenbasis.
    /// </summary>
    PreconditionerForm PreconditionerForm { get; }

    /// <summary>
    /// The eigenvalue of P on H's eigenvector with eigenvalue <paramref name="kappa"/> (1 when P = I), given H's
    /// largest eigenvalue. Meaningful only when <see cref="HasFixedPreconditioner"/>.
    /// </summary>
    double PreconditionerEigenvalue(double kappa, double largestKappa, OptimizerSettings settings);

    /// <summary>
    /// The update rule of one run. <paramref name="preconditioner"/> holds P's diagonal in the training basis (the
    /// eigenbasis of H) for optimizers with a fixed preconditioner, and is null otherwise.
    /// </summary>
    IParameterUpdate CreateUpdate(int outputs, int size, OptimizerSettings settings, double[]? preconditioner);
}
