using Orleans.Storage;
namespace Orchestrator.Grains.Storage;

/// <summary>
/// Grain-state writes that outlast a database restart or a dropped connection: a failed write is retried with
/// exponential backoff (0.1 s doubling to 5 s) for up to <see cref="GiveUpAfter"/>. A write that committed but whose
/// acknowledgement was lost comes back as an ETag conflict; the grain is the only writer of its state (one
/// activation), so it takes the stored version and writes its own state again.
/// </summary>
public static class ResilientStateWrites
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);

    public static async Task WriteWithRetryAsync<T>(this IPersistentState<T> state)
    {
        var started = DateTime.UtcNow;
        var delay = FirstDelay;
        var refreshVersion = false;
        while (true)
        {
            try
            {
                if (refreshVersion)
                {
                    var mine = state.State;
                    await state.ReadStateAsync();
                    state.State = mine;
                }

                await state.WriteStateAsync();
                return;
            }
            catch (Exception ex) when (DateTime.UtcNow - started < GiveUpAfter && IsTransient(ex))
            {
                refreshVersion |= ex is InconsistentStateException;
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }

    private static bool IsTransient(Exception exception) =>
        exception is not (ArgumentException or InvalidCastException or NotSupportedException);
}
