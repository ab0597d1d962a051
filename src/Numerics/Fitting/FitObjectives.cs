namespace Orchestrator.Numerics.Fitting;

/// <summary>The values of the <c>objective</c> field of fits: what the fit minimised over the log residuals.</summary>
public static class FitObjectives
{
    /// <summary>The sum of squared log residuals (the default).</summary>
    public const string LeastSquares = "least-squares";

    /// <summary>The sum of Huber losses of the log residuals (<see cref="FitOptions.HuberDelta"/>).</summary>
    public const string Huber = "huber";
}
