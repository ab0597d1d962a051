namespace Orchestrator.Integration.Tests.Infrastructure;

/// <summary>Polling for conditions that distributed components reach asynchronously (membership, reminders).</summary>
public static class Eventually
{
    /// <summary>
    /// Evaluates <paramref name="probe"/> every <paramref name="interval"/> until it returns true; fails with
    /// <paramref name="what"/> after <paramref name="timeout"/>. Exceptions of the probe count as "not yet".
    /// </summary>
    public static async Task HoldsAsync(string what, Func<Task<bool>> probe, TimeSpan timeout, CancellationToken ct, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await probe())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                last = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0} s: {what}", last);
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200), ct);
        }
    }
}
