namespace Orchestrator.Numerics.Fitting;

/// <summary>The values of a coefficient shift's <c>alpha_source</c>: where the common exponent came from.</summary>
public static class ExponentSources
{
    /// <summary>The spec's fixed α (<see cref="FitOptions.FixedAlpha"/>).</summary>
    public const string Fixed = "fixed";

    /// <summary>The shared-exponent test's α of the spectrum (<see cref="SharedExponentTest.SharedAlpha"/>), re-estimated in each resample.</summary>
    public const string Shared = "shared";
}
