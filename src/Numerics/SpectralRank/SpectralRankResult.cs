using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.SpectralRank;

/// <summary>
/// One <c>ffn-spectral-rank</c> cell: the training run (its <see cref="RunResult.FinalLoss"/> is the
/// frequency-weighted population loss) and the named measurements taken after training (see
/// <see cref="Measurement.MeasurementNames"/>). A diverged run has no measurements.
/// </summary>
public sealed record SpectralRankResult(RunResult Run, IReadOnlyDictionary<string, double> Measurements);
