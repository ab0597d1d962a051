namespace Orchestrator.Numerics.Design;

/// <summary>
/// Simulates an adaptive sweep without a cluster, asking the policy exactly as a sweep does: a decision at the start
/// with every slot free, then one each time a unit finishes (with the outcomes stored so far, in finishing order, the
/// units chosen before, and the free slots as capacity), until the policy stops; then the running units finish. A
/// unit occupies one slot for the sum of its cells' seconds and its cells' outcomes are stored when it finishes.
/// Units that finish at the same time are taken in the order they started. Deterministic: the same policy, units,
/// settings and <paramref name="run"/> give the same simulation.
/// </summary>
public static class DesignSimulator
{
    /// <param name="run">
    /// Runs a unit when it starts (called in start order, so it may model state such as a cache): the outcome of
    /// each of its cells, whose seconds are what the cells cost.
    /// </param>
    /// <exception cref="InvalidOperationException">The policy chose nothing and did not stop while nothing was running.</exception>
    public static DesignSimulation Run(
        IDesignPolicy policy,
        IReadOnlyList<DesignUnit> units,
        DesignSettings settings,
        int slots,
        Func<DesignUnit, IReadOnlyList<DesignOutcome>> run)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        var outcomes = new List<DesignOutcome>();
        var chosen = new List<ChosenUnit>();
        var decisions = new List<DesignDecision>();
        var running = new PriorityQueue<IReadOnlyList<DesignOutcome>, (double Finish, int Started)>();
        double now = 0, coreSeconds = 0;
        int free = slots, started = 0;
        DesignStop? stop = null;
        while (true)
        {
            if (stop is null && free > 0)
            {
                var decision = policy.Decide(new DesignInput(units, outcomes.ToList(), chosen.ToList(), free, settings));
                decisions.Add(decision);
                foreach (var choice in decision.Choices)
                {
                    chosen.Add(new ChosenUnit(choice.UnitId, choice.Reason));
                    var cells = run(units[choice.UnitId]);
                    double seconds = cells.Sum(c => c.Seconds);
                    running.Enqueue(cells, (now + seconds, started++));
                    free--;
                }

                stop = decision.Stop;
                if (stop is null && decision.Choices.Count == 0 && running.Count == 0)
                {
                    throw new InvalidOperationException("the policy chose nothing and did not stop while nothing was running");
                }
            }

            if (!running.TryDequeue(out var finished, out var at))
            {
                break;
            }

            now = at.Finish;
            outcomes.AddRange(finished);
            coreSeconds += finished.Sum(c => c.Seconds);
            free++;
        }

        var ledger = new DesignLedger(new DesignInput(units, outcomes, chosen, 0, settings));
        var series = ledger.Series
            .Select(s => new SimulatedSeries(s.Optimizer, s.Spectrum, s.Fit, s.UnitsFinished))
            .ToList();
        return new DesignSimulation(stop, decisions, chosen, outcomes, coreSeconds, now, series);
    }
}
