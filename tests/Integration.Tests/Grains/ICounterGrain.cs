namespace Orchestrator.Integration.Tests.Grains;

/// <summary>A counter kept in grain storage; enough state to see writes, reads and ETag conflicts.</summary>
[Alias("Orchestrator.Integration.Tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="delta"/>, writes the state and returns the new value.</summary>
    [Alias("Add")]
    Task<int> Add(int delta);

    /// <summary>The value as held by the activation (read from storage when it activated).</summary>
    [Alias("Get")]
    Task<int> Get();

    /// <summary>The silo address hosting this activation.</summary>
    [Alias("Host")]
    Task<string> Host();
}
