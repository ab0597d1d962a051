namespace Orchestrator.Numerics.Design;

/// <summary>
/// Chooses an adaptive sweep's next units. A pure function of its input: the same input gives the same decision, bit
/// for bit, whatever the thread count, which is what makes a sweep's decisions replayable from its stored results.
/// </summary>
public interface IDesignPolicy
{
    DesignDecision Decide(DesignInput input);
}
