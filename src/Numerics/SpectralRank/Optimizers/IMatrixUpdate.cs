namespace Orchestrator.Numerics.SpectralRank.Optimizers;

/// <summary>
/// The optimizer state of one weight matrix (rows = fan_out, cols = fan_in, row-major) and its update rule.
/// One instance per matrix per run; not thread-safe.
/// </summary>
public interface IMatrixUpdate
{
    /// <summary>
    /// One step: updates <paramref name="weights"/> in place from <paramref name="gradient"/> (which the update may
    /// overwrite) with learning rate η, decoupled weight decay included. Returns the flops.
    /// </summary>
    double Apply(double[] weights, double[] gradient, double learningRate);

    /// <summary>Bytes of optimizer state and work arrays held.</summary>
    long Bytes { get; }
}
