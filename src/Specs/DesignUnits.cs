using Orchestrator.Numerics.Design;

namespace Orchestrator.Specs;

/// <summary>The units an adaptive sweep chooses among: its cells grouped by optimizer, spectrum, size and seed.</summary>
public static class DesignUnits
{
    /// <summary>
    /// The units of <paramref name="cells"/> (a sweep's dispatch order), numbered in the order their first cell comes,
    /// so that a grown sweep's earlier units keep their numbers.
    /// </summary>
    public static IReadOnlyList<DesignUnit> From(IReadOnlyList<CellDefinition> cells)
    {
        var indices = new Dictionary<(string, double, int, int), List<int>>();
        var order = new List<(string Optimizer, double Spectrum, int Size, int Seed)>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var key = (cell.Optimizer, cell.Spectrum, cell.Size, cell.Seed);
            if (!indices.TryGetValue(key, out var list))
            {
                indices[key] = list = [];
                order.Add(key);
            }

            list.Add(i);
        }

        return order.Select((key, id) => new DesignUnit(id, key.Optimizer, key.Spectrum, key.Size, key.Seed, indices[key]))
            .ToList();
    }
}
