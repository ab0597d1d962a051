namespace Orchestrator.Numerics.Design;

/// <summary>Why a unit was chosen.</summary>
public enum DesignReason
{
    /// <summary>The first design: a few sizes spread over the range and two seeds, so every series can be fitted.</summary>
    Initial,

    /// <summary>The unit that shrinks the α intervals most per core-second.</summary>
    Exploit,

    /// <summary>A space-filling unit: the size its series has seen least, to test the law's form.</summary>
    Explore,

    /// <summary>Next in a comparison policy's fixed order.</summary>
    Order,

    /// <summary>
    /// A unit of a balanced seed row: the series' power law is rejected by its lack-of-fit test, so its units go to the
    /// sizes it has fewest of, and the α it estimates stays the one of every candidate size alike.
    /// </summary>
    Balance,
}
