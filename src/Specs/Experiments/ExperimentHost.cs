
using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Experiments;

/// <summary>
/// What a host (a silo) offers the experiments: the runners it declares for the <c>command</c> experiment and
/// whether it was started with <c>--allow-fault-injection</c>. Modules read it to build their kernels and to refuse
/// a spec the host cannot run.
/// </summary>
public sealed record ExperimentHost
{
    /// <summary>A host with no runners and no fault injection: what a plain silo offers.</summary>
    public static ExperimentHost Default { get; } = new();

    /// <summary>True on a silo started with <c>--allow-fault-injection</c> (tests and chaos benchmarks only).</summary>
    public bool AllowFaultInjection { get; init; }

    /// <summary>The runners this host declares for the <c>command</c> experiment (configuration section <c>Runners</c>).</summary>
    public RunnerCatalog Runners { get; init; } = RunnerCatalog.Empty;

    /// <summary>Problems kept per host by experiments that share a problem between cells.</summary>
    public int ProblemCacheCapacity { get; init; } = 8;

    /// <summary>
    /// Most bytes those problems hold together (the most recent one is always kept); a silo sets it to a share of its
    /// memory budget. Unbounded by default.
    /// </summary>
    public long ProblemCacheMaxBytes { get; init; } = long.MaxValue;
}
