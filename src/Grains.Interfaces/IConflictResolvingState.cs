namespace Orchestrator.Grains;

/// <summary>
/// Grain state that settles its own write conflicts. Every write carries a fresh <see cref="WriteId"/>; when a write
/// meets an ETag conflict, the stored state is read: if it carries this write's id, the write had committed and only
/// its acknowledgement was lost; otherwise another writer (a second activation of the grain) stored it, and
/// <see cref="Resolve"/> decides what is kept. A conflict is never settled by writing blindly over the stored state.
/// </summary>
public interface IConflictResolvingState<TSelf> where TSelf : IConflictResolvingState<TSelf>
{
    /// <summary>The id of the write that stored this state; <see cref="Guid.Empty"/> in records stored before it existed.</summary>
    Guid WriteId { get; set; }

    /// <summary>
    /// Settles a conflict with another writer: <c>null</c> keeps <paramref name="stored"/> (it becomes the grain's
    /// state and nothing is written); otherwise the state returned is written on top of <paramref name="stored"/>.
    /// </summary>
    static abstract TSelf? Resolve(TSelf stored, TSelf mine);
}
