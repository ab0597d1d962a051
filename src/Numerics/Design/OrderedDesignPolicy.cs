namespace Orchestrator.Numerics.Design;

/// <summary>
/// A comparison policy: every unit in a fixed order that ignores the outcomes (ascending <see cref="Rank"/>, ties by
/// unit id), started as capacity allows. When the next unit in the order is not affordable it waits for the running
/// units and then stops (<see cref="DesignStop.BudgetSpent"/>) rather than skip ahead, so that what it ran is always a
/// prefix of its order.
/// </summary>
public abstract class OrderedDesignPolicy : DesignPolicy
{
    /// <summary>The unit's place in the order: a pure function of the unit and the settings.</summary>
    protected abstract ulong Rank(DesignUnit unit, DesignSettings settings);

    /// <summary>Why a unit is next, in words.</summary>
    protected abstract string Describe(DesignSettings settings);

    private protected override Func<(DesignChoice? Choice, DesignStop? Blocked)> Begin(DesignLedger ledger) => () =>
    {
        // A scan for the first unchosen unit rather than a sort: a decision takes a few units of thousands.
        DesignUnit? next = null;
        ulong best = 0;
        foreach (var unit in ledger.Units)
        {
            if (!ledger.IsUnchosen(unit.Id))
            {
                continue;
            }

            ulong rank = Rank(unit, ledger.Settings);
            if (next is null || rank < best)
            {
                (next, best) = (unit, rank);
            }
        }

        if (next is null)
        {
            return (null, DesignStop.CandidatesExhausted);
        }

        if (!ledger.Affordable(next.Id))
        {
            return (null, DesignStop.BudgetSpent);
        }

        return (new DesignChoice(next.Id, DesignReason.Order,
            $"{ledger.SeriesOf(next.Id).Label}: {ledger.UnitWords(next.Id)}, {Describe(ledger.Settings)}, for {ledger.CostWords(next.Id)}"), null);
    };
}
