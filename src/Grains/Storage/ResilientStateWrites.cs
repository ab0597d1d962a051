using Orleans.Storage;
namespace Orchestrator.Grains.Storage;

/// <summary>
/// Grain-state writes that outlast a database restart or a dropped connection: a failed write is retried with
/// exponential backoff (0.1 s doubling to 5 s) for up to <see cref="GiveUpAfter"/>.
/// </summary>
/// <remarks>
/// Each write carries a fresh <see cref="IConflictResolvingState{TSelf}.WriteId"/>. An ETag conflict is settled by
/// what is stored, never by writing over it blindly: the stored version is read, and if it carries this write's id,
/// the write had committed and only its acknowledgement was lost, so it is done. Otherwise another writer stored it
/// (two activations of one grain can briefly coexist while cluster membership changes), and the state's rule, or the
/// caller's <c>resolve</c>, decides: keep the stored state (it becomes the grain's state, nothing is written), or
/// write the state it returns on top of the stored version.
/// </remarks>
public static class ResilientStateWrites
{
    /// <summary>How long a failing write is retried before it throws; tests of a longer outage shorten it.</summary>
    public static TimeSpan GiveUpAfter { get; internal set; } = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);

    /// <summary>Writes the state; a conflict with another writer is settled by the state's own rule.</summary>
    public static Task WriteWithRetryAsync<T>(this IPersistentState<T> state)
        where T : IConflictResolvingState<T> =>
        state.WriteWithRetryAsync(T.Resolve);

    /// <summary>
    /// Writes the state; a conflict with another writer is settled by <paramref name="resolve"/>, given the stored
    /// state and this writer's: <c>null</c> keeps the stored state, anything else is written on top of it.
    /// </summary>
    public static async Task WriteWithRetryAsync<T>(this IPersistentState<T> state, Func<T, T, T?> resolve)
        where T : IConflictResolvingState<T>
    {
        var writeId = Guid.NewGuid();
        state.State.WriteId = writeId;
        var started = DateTimeOffset.UtcNow;
        var delay = FirstDelay;
        var conflicted = false;
        while (true)
        {
            try
            {
                if (conflicted)
                {
                    var mine = state.State;
                    await state.ReadStateAsync();
                    var stored = state.State;
                    if (state.RecordExists && stored is not null && stored.WriteId == writeId)
                    {
                        // This write committed; the grain keeps its own objects, now at the stored version's ETag.
                        state.State = mine;
                        return;
                    }

                    var next = stored is null ? mine : resolve(stored, mine);
                    if (next is null)
                    {
                        return;
                    }

                    next.WriteId = writeId;
                    state.State = next;
                    conflicted = false;
                }

                await state.WriteStateAsync();
                return;
            }
            catch (Exception ex) when (DateTimeOffset.UtcNow - started < GiveUpAfter && IsTransient(ex))
            {
                conflicted |= ex is InconsistentStateException;
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }

    private static bool IsTransient(Exception exception) =>
        exception is not (ArgumentException or InvalidCastException or NotSupportedException);
}
