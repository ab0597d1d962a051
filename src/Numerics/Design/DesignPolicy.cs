namespace Orchestrator.Numerics.Design;

/// <summary>
/// The rules every policy shares; a policy supplies only which unit comes next. A decision:
/// <list type="number">
/// <item>stops with <see cref="DesignStop.TargetMet"/> when a target is set, every series' α interval from its
/// finished units is at most the target wide, the policy wants nothing more (<see cref="Settled"/>), and no unit is
/// running; with units running it waits for them instead, because a result can widen an interval again, so that a
/// sweep that says its target is met has met it on all of its results;</item>
/// <item>stops with <see cref="DesignStop.CandidatesExhausted"/> when every unit has been chosen;</item>
/// <item>otherwise chooses up to <see cref="DesignInput.Capacity"/> units one at a time, each one counted as running
/// for the next, never one whose predicted cost takes the committed cells or seconds past a budget;</item>
/// <item>with no choice made, stops with <see cref="DesignStop.BudgetSpent"/> when no unchosen unit is affordable,
/// and otherwise waits only while a unit is running: with nothing running the state cannot change, so the policy's
/// reason for choosing nothing (budget, or no candidate that could still help) becomes the stop.</item>
/// </list>
/// Hence a decision never answers "wait" with nothing running, unless it was given no capacity.
/// </summary>
public abstract class DesignPolicy : IDesignPolicy
{
    public DesignDecision Decide(DesignInput input)
    {
        var ledger = new DesignLedger(input);
        if (Settled(ledger))
        {
            return ledger.Decision([], ledger.AnyRunning ? null : DesignStop.TargetMet);
        }

        if (!ledger.AnyUnchosen)
        {
            return ledger.Decision([], DesignStop.CandidatesExhausted);
        }

        if (input.Capacity <= 0)
        {
            return ledger.Decision([], null);
        }

        var next = Begin(ledger);
        var choices = new List<DesignChoice>();
        DesignStop? blocked = null;
        bool budgetGone = false;
        while (choices.Count < input.Capacity && ledger.AnyUnchosen)
        {
            if (!ledger.AnyAffordable())
            {
                budgetGone = true;
                break;
            }

            var (choice, why) = next();
            if (choice is null)
            {
                blocked = why;
                break;
            }

            ledger.Choose(choice.UnitId, choice.Reason);
            choices.Add(choice);
        }

        if (choices.Count > 0)
        {
            return ledger.Decision(choices, null);
        }

        // The target is met and what the policy still wanted cannot be had: the target stops the sweep.
        if (ledger.TargetMet)
        {
            return ledger.Decision([], ledger.AnyRunning ? null : DesignStop.TargetMet);
        }

        if (budgetGone)
        {
            return ledger.Decision([], DesignStop.BudgetSpent);
        }

        return ledger.Decision([], ledger.AnyRunning ? null : blocked ?? DesignStop.CandidatesExhausted);
    }

    /// <summary>
    /// True when the target is met and the policy wants nothing more: by default <see cref="DesignLedger.TargetMet"/>;
    /// a policy may ask for more (never less) before it says so.
    /// </summary>
    private protected virtual bool Settled(DesignLedger ledger) => ledger.TargetMet;

    /// <summary>
    /// Starts one decision: the returned function gives the next unit to choose (it sees the units chosen before it
    /// through <paramref name="ledger"/>), or none and why (<see cref="DesignStop.BudgetSpent"/> when the unit it
    /// wants is not affordable, <see cref="DesignStop.CandidatesExhausted"/> when no candidate would help).
    /// </summary>
    private protected abstract Func<(DesignChoice? Choice, DesignStop? Blocked)> Begin(DesignLedger ledger);
}
