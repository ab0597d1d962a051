using Orchestrator.Numerics.Design;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// A simulated sweep reduced to what the tables read: its spend, its stop, each series' final interval, and the problem
/// builds its host charged (<paramref name="Builds"/>, of <paramref name="Problems"/> distinct problems; 0 where cells
/// share nothing).
/// </summary>
internal sealed record PolicyRun(double CoreSeconds, DesignStop? Stop, int UnitsRun, double ExploreSeconds, IReadOnlyList<SimulatedSeries> Series,
    int Builds, int Problems)
{
    public static PolicyRun Of(DesignSimulation simulation, SimulatedHost host)
    {
        var explore = simulation.Chosen.Where(c => c.Reason == DesignReason.Explore).Select(c => c.UnitId).ToHashSet();
        // One cell per unit, numbered as the unit: an outcome's cell index is its unit's id.
        double exploreSeconds = simulation.Outcomes.Where(o => explore.Contains(o.CellIndex)).Sum(o => o.Seconds);
        return new PolicyRun(simulation.CoreSeconds, simulation.Stop, simulation.Chosen.Count, exploreSeconds, simulation.Series, host.Builds, host.Problems);
    }

    /// <summary>Sweeps of disjoint series taken as one: spends and units add up; the stop is the first that is not TargetMet, if any.</summary>
    public static PolicyRun Sum(IEnumerable<PolicyRun> runs)
    {
        var list = runs.ToList();
        return new PolicyRun(list.Sum(r => r.CoreSeconds), list.Select(r => r.Stop).FirstOrDefault(s => s != DesignStop.TargetMet, DesignStop.TargetMet),
            list.Sum(r => r.UnitsRun), list.Sum(r => r.ExploreSeconds), list.SelectMany(r => r.Series).ToList(),
            list.Sum(r => r.Builds), list.Sum(r => r.Problems));
    }

    public SimulatedSeries SeriesOf(SeriesKey key) => Series.Single(s => s.Optimizer == key.Optimizer && s.Spectrum == key.Spectrum);
}
