namespace Orchestrator.Numerics.Design;

/// <summary>The policy a sweep's design settings name.</summary>
public static class DesignPolicies
{
    public static IDesignPolicy For(DesignSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Policy switch
        {
            DesignPolicyKind.Uncertainty => new UncertaintyDesignPolicy(),
            DesignPolicyKind.FullGrid => new FullGridDesignPolicy(),
            DesignPolicyKind.RandomOrder => new RandomOrderDesignPolicy(),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Policy, "unknown design policy"),
        };
    }
}
