namespace Orchestrator.Grains.Sweeps;

/// <summary>The resume reminder, which brings a running sweep back after its silo or the whole cluster restarts.</summary>
public sealed partial class SweepGrain
{
    /// <summary>The reminder's only job is to get the grain activated: activation reconciles a running sweep.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.State != SweepState.Running && state.State.InFlight.Count == 0)
        {
            await ForgetReminderAsync();
        }
    }

    private async Task ForgetReminderAsync()
    {
        _reminderEnsured = false;
        if (_options.UseReminders && await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Registers the resume reminder of a sweep with work in flight if it is missing, once per activation. A failure
    /// does not stop the sweep: the next reconciliation tries again.
    /// </summary>
    private async Task EnsureReminderAsync()
    {
        if (!_options.UseReminders || _reminderEnsured || !HasWorkInFlight)
        {
            return;
        }

        try
        {
            if (await this.GetReminder(ResumeReminder) is null)
            {
                await this.RegisterOrUpdateReminder(ResumeReminder, _options.ReminderPeriod, _options.ReminderPeriod);
                LogReminderRestored(SweepId);
            }

            _reminderEnsured = true;
        }
        catch (Exception ex)
        {
            LogReminderFailed(ex, SweepId);
        }
    }
}
