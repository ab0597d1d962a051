namespace Orchestrator.Grains;

/// <summary>
/// One decision of an adaptive sweep, as the aggregator answers it: its number, the cells to dispatch (positions in
/// the sweep's dispatch order), why it will choose no more (null while it goes on), and the progress it was taken at.
/// Asked again with the same number, the aggregator answers with the same stored decision. A step that chose nothing
/// and did not stop means "wait for the running cells": it is not stored, and the next decision keeps its number.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DesignStep(
    [property: Id(0)] int Number,
    [property: Id(1)] IReadOnlyList<int> CellIndices,
    [property: Id(2)] string? Stop,
    [property: Id(3)] DesignProgress Progress);
