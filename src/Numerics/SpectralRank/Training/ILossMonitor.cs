using Orchestrator.Numerics.LinearAlgebra;

namespace Orchestrator.Numerics.SpectralRank.Training;

/// <summary>The loss a run's curve and divergence guard read, at the model's current weights.</summary>
internal interface ILossMonitor
{
    /// <summary>Runs the forward pass; returns the loss and adds the flops.</summary>
    double Evaluate(IDenseLinearAlgebra algebra, ref double flops);
}
