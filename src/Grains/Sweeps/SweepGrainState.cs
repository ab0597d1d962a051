namespace Orchestrator.Grains.Sweeps;

/// <summary>
/// The durable state of a sweep: its spec (and, once grown, its earlier specs) and counters, and the cells in flight.
/// Its size is bounded by the dispatch window and the specs, not by the grid: finished cells live in their run grains
/// and in the aggregator, and the cells not yet dispatched are those at and after <see cref="NextIndex"/> in the
/// specs' deterministic expansion. An adaptive sweep dispatches from <see cref="Queue"/> instead, which holds at most
/// one decision's cells.
/// </summary>
[GenerateSerializer]
public sealed class SweepGrainState : IConflictResolvingState<SweepGrainState>
{
    [Id(0)] public string? Spec { get; set; }
    [Id(1)] public string? Fingerprint { get; set; }
    [Id(2)] public SweepState State { get; set; } = SweepState.Pending;
    [Id(3)] public int Total { get; set; }
    /// <summary>Index of the next cell to dispatch in the spec's expansion order.</summary>
    [Id(4)] public int NextIndex { get; set; }
    /// <summary>Cells dispatched and not yet reported: cell id → index in the expansion.</summary>
    [Id(5)] public Dictionary<string, int> InFlight { get; set; } = [];
    [Id(6)] public int Done { get; set; }
    [Id(7)] public int Failed { get; set; }
    [Id(8)] public int Diverged { get; set; }
    [Id(9)] public DateTimeOffset? StartedAt { get; set; }
    [Id(10)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(11)] public int MaxAttempts { get; set; } = 4;

    /// <summary>The spec's <c>cell_timeout</c>; states stored before it existed read the default.</summary>
    [Id(12)] public TimeSpan CellTimeout { get; set; } = Orchestrator.Specs.SweepSpec.DefaultCellTimeout;

    [Id(13)] public Guid WriteId { get; set; }

    /// <summary>
    /// The canonical specs this sweep had before each growth, oldest first (<see cref="Spec"/> is the current one).
    /// The dispatch order, which <see cref="NextIndex"/> and <see cref="InFlight"/> index, is each generation's new
    /// cells after the earlier generations' (<see cref="Orchestrator.Specs.SpecGrowth.DispatchOrder"/>); empty for a
    /// sweep never grown, and for states stored before sweeps could grow.
    /// </summary>
    [Id(14)] public List<string> EarlierSpecs { get; set; } = [];

    /// <summary>Whether the spec has an <c>adaptive</c> section: its cells run as its aggregator's decisions choose.</summary>
    [Id(15)] public bool Adaptive { get; set; }

    /// <summary>An adaptive sweep's cells chosen and not yet dispatched (indices in the dispatch order), in order.</summary>
    [Id(16)] public List<int> Queue { get; set; } = [];

    /// <summary>How many of its aggregator's decisions an adaptive sweep has taken on: the next one asked is this.</summary>
    [Id(17)] public int Decisions { get; set; }

    /// <summary>Why an adaptive sweep's design stopped choosing (a <c>DesignStop</c> name); null while it goes on.</summary>
    [Id(18)] public string? DesignStop { get; set; }

    /// <summary>
    /// Which dispatch order the indices refer to: 0 for the experiment's order alone (every state stored before the
    /// pilot cells came first reads 0, and keeps its order), 1 for <see cref="Orchestrator.Specs.PilotCells"/> first.
    /// </summary>
    [Id(19)] public int DispatchOrderVersion { get; set; }

    /// <summary>The dispatch order a sweep submitted now uses.</summary>
    public const int PilotFirstOrder = 1;

    /// <summary>
    /// This writer's state is written over the other's: the sweep's in-memory dispatch state (the cells it expanded,
    /// the outcomes not yet handed to the aggregator) belongs to the state this activation holds, and adopting
    /// another's counters would not match it. Nothing is lost by it: a cell the other writer dispatched or counted is
    /// at or after this state's <see cref="NextIndex"/> or still in its <see cref="InFlight"/>, so it is asked again,
    /// and its run grain answers with its write-once stored result.
    /// </summary>
    public static SweepGrainState? Resolve(SweepGrainState stored, SweepGrainState mine) => mine;
}
