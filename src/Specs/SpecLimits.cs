namespace Orchestrator.Specs;

/// <summary>
/// Input limits that keep parsing bounded in time and memory whatever the input, and the admission limit on a cell's
/// memory. Every limit and its default is listed in docs/limits.md.
/// </summary>
public sealed record SpecLimits
{
    /// <summary>The default limits.</summary>
    public static SpecLimits Default { get; } = new();

    /// <summary>Largest spec text, in UTF-8 bytes (1 MiB).</summary>
    public int MaxTextBytes { get; init; } = 1 << 20;
    /// <summary>Deepest nesting of YAML mappings and lists.</summary>
    public int MaxDepth { get; init; } = 16;
    /// <summary>Most values in one grid axis.</summary>
    public int MaxAxisLength { get; init; } = 10_000;
    /// <summary>Most cells a grid may expand to.</summary>
    public int MaxCells { get; init; } = 100_000;
    /// <summary>Most errors reported; the rest are counted in one last error.</summary>
    public int MaxErrors { get; init; } = 100;
    /// <summary>
    /// Largest estimated memory of one cell (8 GiB): a spec with a larger cell is refused. Set by the CLI's
    /// <c>--max-cell-memory</c> or <see cref="MaxCellMemoryVariable"/>.
    /// </summary>
    public long MaxCellBytes { get; init; } = DefaultMaxCellBytes;

    /// <summary>The default of <see cref="MaxCellBytes"/>: 8 GiB.</summary>
    public const long DefaultMaxCellBytes = 8L << 30;

    /// <summary>Environment variable that sets <see cref="MaxCellBytes"/> (e.g. <c>16GiB</c>).</summary>
    public const string MaxCellMemoryVariable = "ORCHESTRATOR_MAX_CELL_MEMORY";
}
