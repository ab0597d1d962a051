namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>Tags of the independent random streams of a problem (one stream per row or sample).</summary>
internal static class StreamPurpose
{
    public const ulong Target = 1;
    public const ulong Features = 2;
    public const ulong FiniteSamples = 3;
    public const ulong OnlineSamples = 4;
}
