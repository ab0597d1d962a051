namespace Orchestrator.Numerics.Design;

/// <summary>
/// The unit an adaptive sweep chooses: every cell of one series (optimizer, spectrum) at one size and seed. It is
/// several cells when the grid has other axes (a learning-rate axis: the fits take the best of them), and its loss is
/// the least final loss among its usable cells. <see cref="Id"/> is its position in the sweep's list of units;
/// <see cref="CellIndices"/> are the positions of its cells in the sweep's dispatch order.
/// </summary>
public sealed record DesignUnit(int Id, string Optimizer, double Spectrum, int Size, int Seed, IReadOnlyList<int> CellIndices);
