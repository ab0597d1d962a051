using Orchestrator.Specs.Values;

namespace Orchestrator.Grains.Runs;

/// <summary>
/// A cell whose estimated memory exceeds this silo's whole memory budget: it can never run here, so it fails at once
/// and is not retried.
/// </summary>
public sealed class CellMemoryExceededException(long requiredBytes, long budgetBytes)
    : Exception($"the cell needs an estimated {ByteSize.Format(requiredBytes)}, more than this silo's whole memory budget of {ByteSize.Format(budgetBytes)} (--memory-budget)")
{
    public long RequiredBytes { get; } = requiredBytes;
    public long BudgetBytes { get; } = budgetBytes;
}
