namespace Orchestrator.Grains;

/// <summary>
/// The names of every sweep ever started, with when each was submitted, so that <c>orchestrator list</c> can find
/// them. It holds no progress: that stays with each sweep grain. Key: 0.
/// </summary>
[Alias("orchestrator.sweep-directory")]
public interface ISweepDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a sweep, or moves its submitted time when it is started afresh under the same name.</summary>
    [Alias("register")]
    Task RegisterAsync(SweepEntry entry);

    /// <summary>Every registered sweep, oldest submission first.</summary>
    [Alias("list")]
    Task<IReadOnlyList<SweepEntry>> ListAsync();
}
