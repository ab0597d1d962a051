using System.Globalization;

namespace Orchestrator.Grains.Aggregation;

/// <summary>Keys of a sweep's outcome chunks. Sweep names never contain '/', so the parts cannot run together.</summary>
public static class OutcomeChunkKey
{
    /// <summary>Outcomes per chunk: a stored chunk is at most a few tens of kilobytes.</summary>
    public const int Capacity = 128;

    public static string Of(string sweep, int generation, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{sweep}/{generation}/{index}");
}
