namespace Orchestrator.Numerics.SpectralRank.Data;

/// <summary>Frequency tertiles of the vocabulary by occurrence mass, and the whole vocabulary.</summary>
public enum TokenBucket
{
    /// <summary>The most frequent tokens, holding about the first third of the mass.</summary>
    Head,
    Mid,
    /// <summary>The rare tokens, holding about the last third of the mass.</summary>
    Tail,
    /// <summary>Every token.</summary>
    All,
}
