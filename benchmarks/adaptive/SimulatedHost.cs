using Orchestrator.Numerics.Design;

namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// The host one simulated sweep runs on: <see cref="Run"/> gives a unit's outcomes when it starts (in start order),
/// and, where cells share problems, the host's problem cache charges each build (<see cref="ProblemCacheCosts"/>) and
/// counts them, so the report can show how many problems a policy built and how many of them it built again.
/// </summary>
internal sealed class SimulatedHost(Func<DesignUnit, IReadOnlyList<DesignOutcome>> run, ProblemCacheCosts? cache = null)
{
    public IReadOnlyList<DesignOutcome> Run(DesignUnit unit) => run(unit);

    /// <summary>Problems built, a problem built again after the cache dropped it counted again.</summary>
    public int Builds => cache?.Builds ?? 0;

    /// <summary>Distinct problems built.</summary>
    public int Problems => cache?.Problems ?? 0;
}
