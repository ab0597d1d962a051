using MathNet.Numerics.Distributions;

namespace Orchestrator.Numerics.Design;

/// <summary>Two-sided Student-t quantiles at one confidence level, computed once per degrees of freedom.</summary>
internal sealed class TQuantiles(double confidenceLevel)
{
    private readonly Dictionary<int, double> _byDegreesOfFreedom = [];

    /// <summary>t with <paramref name="degreesOfFreedom"/> (at least 1) at 0.5 + level / 2, as the power-law fit reads it.</summary>
    public double At(int degreesOfFreedom)
    {
        if (!_byDegreesOfFreedom.TryGetValue(degreesOfFreedom, out double t))
        {
            t = StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + confidenceLevel / 2);
            _byDegreesOfFreedom[degreesOfFreedom] = t;
        }

        return t;
    }
}
