namespace Orchestrator.Numerics.SpectralRank.Fitting;

/// <summary>
/// One finished <c>ffn-spectral-rank</c> cell as the rank fits see it: its axis values, learning rate (when the
/// sweep has a learning-rate axis), final loss and named measurements (<see cref="Measurement.MeasurementNames"/>).
/// </summary>
public sealed record RankCell(
    string Optimizer,
    double Spectrum,
    int Size,
    int Seed,
    double? LearningRate,
    double FinalLoss,
    bool Diverged,
    IReadOnlyDictionary<string, double> Measurements);
