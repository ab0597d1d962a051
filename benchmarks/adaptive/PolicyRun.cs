using Orchestrator.Numerics.Design;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>A simulated sweep reduced to what the tables read: its spend, its stop, and each series' final interval.</summary>
internal sealed record PolicyRun(double CoreSeconds, DesignStop? Stop, int UnitsRun, double ExploreSeconds, IReadOnlyList<SimulatedSeries> Series)
{
    public static PolicyRun Of(DesignSimulation simulation)
    {
        var explore = simulation.Chosen.Where(c => c.Reason == DesignReason.Explore).Select(c => c.UnitId).ToHashSet();
        // One cell per unit, numbered as the unit: an outcome's cell index is its unit's id.
        double exploreSeconds = simulation.Outcomes.Where(o => explore.Contains(o.CellIndex)).Sum(o => o.Seconds);
        return new PolicyRun(simulation.CoreSeconds, simulation.Stop, simulation.Chosen.Count, exploreSeconds, simulation.Series);
    }

    /// <summary>Sweeps of disjoint series taken as one: spends and units add up; the stop is the first that is not TargetMet, if any.</summary>
    public static PolicyRun Sum(IEnumerable<PolicyRun> runs)
    {
        var list = runs.ToList();
        return new PolicyRun(list.Sum(r => r.CoreSeconds), list.Select(r => r.Stop).FirstOrDefault(s => s != DesignStop.TargetMet, DesignStop.TargetMet),
            list.Sum(r => r.UnitsRun), list.Sum(r => r.ExploreSeconds), list.SelectMany(r => r.Series).ToList());
    }

    public SimulatedSeries SeriesOf(SeriesKey key) => Series.Single(s => s.Optimizer == key.Optimizer && s.Spectrum == key.Spectrum);
}
