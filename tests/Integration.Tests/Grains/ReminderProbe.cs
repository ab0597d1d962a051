using System.Threading.Channels;

namespace Orchestrator.Integration.Tests.Grains;

/// <summary>
/// Collects reminder ticks from <see cref="TickerGrain"/> activations in this process. One probe is shared by the
/// hosts of one test, so ticks delivered by a restarted host land in the same place.
/// </summary>
public sealed class ReminderProbe
{
    private readonly Channel<(string Grain, string Reminder)> _ticks = Channel.CreateUnbounded<(string, string)>();

    public void Record(string grain, string reminder) => _ticks.Writer.TryWrite((grain, reminder));

    /// <summary>Waits for the next tick of <paramref name="grain"/>, skipping other grains' ticks.</summary>
    public async Task<string> NextTickAsync(string grain, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            var tick = await _ticks.Reader.ReadAsync(cts.Token);
            if (tick.Grain == grain)
            {
                return tick.Reminder;
            }
        }
    }

    /// <summary>Forgets the ticks received so far.</summary>
    public void Drain()
    {
        while (_ticks.Reader.TryRead(out _))
        {
        }
    }
}
