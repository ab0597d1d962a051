namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>The population loss of a readout held in the trainer's basis.</summary>
internal interface IPopulationLossProbe
{
    /// <summary>True when a probe costs O(KN): the trainer then checks every step.</summary>
    bool IsCheap { get; }

    double Loss(double[] readout, ref double flops);

    long WorkBytes { get; }
}
