namespace Orchestrator.FitCoverage;

/// <summary>A two-sided interval; NaN ends mean it could not be formed (it then covers nothing).</summary>
internal readonly record struct Interval(double Low, double High)
{
    public static readonly Interval Undefined = new(double.NaN, double.NaN);

    public bool IsDefined => double.IsFinite(Low) && double.IsFinite(High);

    public double Width => High - Low;

    public bool Covers(double value) => Low <= value && value <= High;

    public static Interval From(double? low, double? high) => new(low ?? double.NaN, high ?? double.NaN);
}
