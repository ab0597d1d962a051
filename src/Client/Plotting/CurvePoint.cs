namespace Orchestrator.Client.Plotting;

/// <summary>One point of a cell's loss curve in dynamical time: the loss at τ = η·t, for the size × time figure.</summary>
public sealed record CurvePoint(string Optimizer, double Spectrum, int Size, double Tau, double Loss);
