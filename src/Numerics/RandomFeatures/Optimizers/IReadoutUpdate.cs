namespace Orchestrator.Numerics.RandomFeatures.Optimizers;

/// <summary>One run's optimizer state and step. Not thread-safe; one instance per run.</summary>
public interface IReadoutUpdate
{
    /// <summary>
    /// One step in place: readout ← readout − η·direction, where the direction is computed from
    /// <paramref name="gradient"/> (K×N row-major, same basis as the readout; the rule may overwrite it).
    /// Returns the flops the step spent.
    /// </summary>
    double Apply(double[] readout, double[] gradient, double learningRate);

    /// <summary>Bytes of the state arrays the rule holds.</summary>
    long StateBytes { get; }
}
