namespace Orchestrator.Numerics.Design;

/// <summary>One series at the end of a simulated sweep: its power-law interval from every finished unit (null when it cannot be fitted) and its units run.</summary>
public sealed record SimulatedSeries(string Optimizer, double Spectrum, PowerLawInterval? Fit, int UnitsRun);
