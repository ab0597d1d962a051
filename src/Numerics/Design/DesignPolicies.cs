namespace Orchestrator.Numerics.Design;

/// <summary>The policy a sweep's design settings name.</summary>
public static class DesignPolicies
{
    public static IDesignPolicy For(DesignSettings settings) => new InOrderPolicy();

    private sealed class InOrderPolicy : IDesignPolicy
    {
        public DesignDecision Decide(DesignInput input)
        {
            var chosen = input.Chosen.Select(c => c.UnitId).ToHashSet();
            var next = input.Units.Where(u => !chosen.Contains(u.Id)).Take(input.Capacity)
                .Select(u => new DesignChoice(u.Id, DesignReason.Order, "next in order")).ToList();
            DesignStop? stop = next.Count == 0 ? DesignStop.CandidatesExhausted : null;
            return new DesignDecision(next, stop, [], input.Finished.Sum(f => f.Seconds), input.Finished.Sum(f => f.Seconds));
        }
    }
}
