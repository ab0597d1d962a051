namespace Orchestrator.Numerics.Optimizers;

/// <summary>
/// One run's optimizer state for one flat parameter array (a matrix is row-major) and its step. Both experiments
/// train through this interface: the random-feature readout and each weight matrix of the FFN block. Not thread-safe;
/// one instance per parameter array per run.
/// </summary>
/// <remarks>
/// Every implementation is deterministic: equal sequences of calls give bit-identical parameters and flops, because
/// each entry is updated by a fixed sequence of IEEE operations and every reduction runs in a fixed order.
/// </remarks>
public interface IParameterUpdate
{
    /// <summary>
    /// One step in place: parameters ← parameters − η·direction, where the direction is computed from
    /// <paramref name="gradient"/> (same layout and basis as the parameters; the rule may overwrite it) and the rule's
    /// state. Returns the flops the step spent, counted analytically.
    /// </summary>
    double Apply(double[] parameters, double[] gradient, double learningRate);

    /// <summary>Bytes of the state and work arrays the rule holds.</summary>
    long StateBytes { get; }
}
