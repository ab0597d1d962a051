using Orchestrator.Numerics.Fitting;
using Orchestrator.Specs.Validation;
using Orchestrator.Specs.Values;

namespace Orchestrator.Specs.Experiments;

/// <summary>
/// Everything the product knows about one experiment: its settings and their validation, how a cell becomes a run
/// (its kernel), its memory estimate, its dispatch order, the checks a host makes before it accepts a sweep, and its
/// analysis. The sweep, run and aggregator grains are generic over this interface and never compare experiment
/// names: adding an experiment is one folder with an implementation plus one line in <see cref="ExperimentRegistry"/>.
/// </summary>
public interface IExperimentModule
{
    /// <summary>The spec's <c>experiment</c> value.</summary>
    string Name { get; }

    /// <summary>
    /// The optimizer names <c>grid.optimizer</c> accepts, in documentation order; empty when the experiment accepts
    /// any name (see <see cref="ReadOptimizer"/>).
    /// </summary>
    IReadOnlyList<string> OptimizerNames { get; }

    /// <summary>The default <c>fit.baseline</c> when it is in <c>grid.optimizer</c> (else the first optimizer is).</summary>
    string DefaultBaseline { get; }

    /// <summary>Every setting, in the order the reference documents them.</summary>
    IReadOnlyList<SettingDefinition> Settings { get; }

    /// <summary>Reads one <c>grid.optimizer</c> value; by default one of <see cref="OptimizerNames"/>.</summary>
    ScalarOutcome ReadOptimizer(string text) => OptimizerName.OneOf(OptimizerNames)(text);

    /// <summary>Checks between fields (e.g. size against latent dimension); adds one error per problem.</summary>
    void Validate(SpecDraft draft, List<SpecError> errors);

    /// <summary>
    /// Checks that need the host that will run the sweep (a runner it declares, fault injection it allows). The
    /// sweep grain calls it before it stores anything; each error names the spec field. None by default.
    /// </summary>
    IReadOnlyList<SpecError> CheckHost(SweepSpec spec, ExperimentHost host) => [];

    /// <summary>
    /// Bytes one cell of this experiment needs at its peak, from its definition alone (admission control: a spec
    /// whose largest cell exceeds <see cref="SpecLimits.MaxCellBytes"/> is refused, and a silo reserves this much
    /// before it starts the kernel). Must be an upper bound of what the kernel allocates, and cheap: it is called
    /// for every cell of a spec. Null (the default) when the experiment does not estimate; its cells are then admitted
    /// by kernel slots alone.
    /// </summary>
    long? EstimateCellBytes(CellDefinition cell) => null;

    /// <summary>
    /// Axes (core or setting) whose values never change <see cref="EstimateCellBytes"/>: finding a spec's largest
    /// cell visits only the first value of each, so a 100,000-cell grid over seeds costs a handful of estimates.
    /// </summary>
    IReadOnlySet<string> AxesWithoutMemoryEffect => new HashSet<string>();

    /// <summary>
    /// The order a sweep hands its cells out in. By default largest sizes first (long cells start early, so none is
    /// left running alone at the end), then spectrum and seed, so that cells which differ only in the optimizer sit
    /// side by side. Must be a pure function of the cells: a sweep's stored indices refer to it across activations.
    /// </summary>
    IEnumerable<CellDefinition> DispatchOrder(IEnumerable<CellDefinition> cells) =>
        cells.OrderByDescending(c => c.Size).ThenBy(c => c.Spectrum).ThenBy(c => c.Seed);

    /// <summary>The kernel that runs this experiment's cells on one host; created once per host.</summary>
    IExperimentKernel CreateKernel(ExperimentHost host);

    /// <summary>The fit settings of a sweep of this experiment (from its <c>fit</c> section and its settings).</summary>
    FitOptions FitOptions(SweepSpec spec) => spec.Fit.ToFitOptions();

    /// <summary>
    /// The analysis that the aggregator keeps up to date as cells finish: by default the scaling laws of the final
    /// loss against size (<see cref="LossScalingAnalysis"/>).
    /// </summary>
    IExperimentAnalysis CreateAnalysis(FitOptions options) => new LossScalingAnalysis(options);
}
