namespace Orchestrator.Telemetry.Tests;

/// <summary>A grain with persistent state, so that the silo publishes activation, request and storage metrics.</summary>
public interface IProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Adds one to the stored count, writes it, and returns it.</summary>
    Task<int> IncrementAsync();
}
