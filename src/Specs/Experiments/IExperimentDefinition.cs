using Orchestrator.Specs.Validation;

namespace Orchestrator.Specs.Experiments;

/// <summary>
/// What the spec layer knows about one experiment kind: its settings and the checks that span several fields.
/// Adding an experiment is one implementation plus one line in <see cref="ExperimentRegistry"/>.
/// </summary>
public interface IExperimentDefinition
{
    /// <summary>The spec's <c>experiment</c> value.</summary>
    string Name { get; }

    /// <summary>The optimizer names <c>grid.optimizer</c> accepts for this experiment, in documentation order.</summary>
    IReadOnlyList<string> OptimizerNames { get; }

    /// <summary>The default <c>fit.baseline</c> when it is in <c>grid.optimizer</c> (else the first optimizer is).</summary>
    string DefaultBaseline { get; }

    /// <summary>Every setting, in the order the reference documents them.</summary>
    IReadOnlyList<SettingDefinition> Settings { get; }

    /// <summary>Checks between fields (e.g. size against latent dimension); adds one error per problem.</summary>
    void Validate(SpecDraft draft, List<SpecError> errors);

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
}
