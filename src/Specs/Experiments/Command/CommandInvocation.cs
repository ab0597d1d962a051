namespace Orchestrator.Specs.Experiments.Command;

/// <summary>
/// What one <c>command</c> cell asks of its runner: the cell id, the grid's axis values and the cell's settings, each
/// setting already in the text form a placeholder <c>{name}</c> receives.
/// </summary>
public sealed record CommandInvocation(
    string CellId,
    string Optimizer,
    double Spectrum,
    int Size,
    int Seed,
    IReadOnlyDictionary<string, string> Settings);
