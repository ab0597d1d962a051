using Orchestrator.Specs.Experiments;

namespace Orchestrator.Specs;

/// <summary>A cell and the bytes its experiment estimates it needs at its peak.</summary>
public sealed record CellMemory(CellDefinition Cell, long Bytes)
{
    /// <summary>The estimate for <paramref name="cell"/>, or null when its experiment does not estimate memory.</summary>
    public static long? EstimateBytes(CellDefinition cell) =>
        ExperimentRegistry.Find(cell.Experiment)?.EstimateCellBytes(cell);

    /// <summary>
    /// The cell of <paramref name="spec"/> with the largest estimate (the first one in expansion order on ties), or
    /// null when the experiment does not estimate memory. Visits one cell per class of cells that differ only on
    /// the experiment's <see cref="IExperimentModule.AxesWithoutMemoryEffect"/>.
    /// </summary>
    public static CellMemory? Largest(SweepSpec spec)
    {
        var experiment = ExperimentRegistry.Find(spec.Experiment);
        var neutral = experiment?.AxesWithoutMemoryEffect ?? new HashSet<string>();
        CellMemory? largest = null;
        foreach (var cell in spec.ExpandCells(neutral.Contains))
        {
            if (experiment?.EstimateCellBytes(cell) is not { } bytes)
            {
                return null;
            }

            if (largest is null || bytes > largest.Bytes)
            {
                largest = new CellMemory(cell, bytes);
            }
        }

        return largest;
    }
}
