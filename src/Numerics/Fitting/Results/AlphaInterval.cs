namespace Orchestrator.Numerics.Fitting;

/// <summary>An exponent α with the bounds of its interval; <see cref="Width"/> is what an adaptive sweep's target bounds.</summary>
public sealed record AlphaInterval(double Alpha, double Low, double High)
{
    public double Width => High - Low;
}
