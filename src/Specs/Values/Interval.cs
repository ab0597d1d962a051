using System.Globalization;

namespace Orchestrator.Specs.Values;

/// <summary>A real interval with open or closed ends, printed in the usual notation, e.g. <c>(0, 10]</c>.</summary>
public sealed record Interval(double Lower, bool LowerClosed, double Upper, bool UpperClosed)
{
    public static Interval Closed(double lower, double upper) => new(lower, true, upper, true);

    public static Interval OpenClosed(double lower, double upper) => new(lower, false, upper, true);

    public static Interval ClosedOpen(double lower, double upper) => new(lower, true, upper, false);

    public bool Contains(double value) =>
        (LowerClosed ? value >= Lower : value > Lower) && (UpperClosed ? value <= Upper : value < Upper);

    public override string ToString() =>
        $"{(LowerClosed ? '[' : '(')}{Format(Lower)}, {Format(Upper)}{(UpperClosed ? ']' : ')')}";

    private static string Format(double value) => double.IsPositiveInfinity(value)
        ? "infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
