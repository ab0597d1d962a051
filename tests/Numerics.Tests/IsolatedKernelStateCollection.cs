using Xunit;

namespace Orchestrator.Numerics.Tests;

/// <summary>
/// Tests that count process-wide kernel state (threads lent by waiting kernels, N×N arrays kept for the next build) run
/// alone, with no other test's loops or builds about.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedKernelStateCollection
{
    public const string Name = "IsolatedKernelState";
}
