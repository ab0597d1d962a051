namespace Orchestrator.Specs;

/// <summary>
/// Input limits that keep parsing bounded in time and memory whatever the input. Defaults are documented in
/// docs/spec-reference.md.
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
    public long MaxCells { get; init; } = 100_000;
}
