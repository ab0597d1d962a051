namespace Orchestrator.Client.Plotting;

/// <summary>The final loss of one finished cell (one seed) at one size.</summary>
public sealed record LossPoint(string Optimizer, double Spectrum, double Size, double Loss);
