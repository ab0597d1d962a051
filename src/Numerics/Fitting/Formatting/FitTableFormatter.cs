using System.Globalization;
using System.Text;

namespace Orchestrator.Numerics.Fitting;

/// <summary>
/// Plain-text tables of an analysis for a terminal: the α table, the shift table, the shared-exponent verdicts and
/// the spectral diagnostics. Numbers are shown to 4 decimals (the stored values keep full precision); undefined
/// values show as "-". Lines end with '\n'.
/// </summary>
public static class FitTableFormatter
{
    private const string Missing = "-";

    /// <summary>All four tables, each under a title line, separated by blank lines; empty tables are left out.</summary>
    public static string Format(SweepAnalysis analysis)
    {
        var parts = new List<string>();
        if (analysis.Fits.Count > 0)
        {
            parts.Add("Exponents\n" + FormatFits(analysis.Fits));
        }

        if (analysis.Shifts.Count > 0)
        {
            parts.Add("Shifts against the baseline\n" + FormatShifts(analysis.Shifts));
        }

        if (analysis.SharedExponent.Count > 0)
        {
            parts.Add("Shared-exponent test\n" + FormatSharedExponent(analysis.SharedExponent));
        }

        if (analysis.Diagnostics.Count > 0)
        {
            parts.Add("Spectral diagnostic\n" + FormatDiagnostics(analysis.Diagnostics));
        }

        return string.Join("\n", parts);
    }

    /// <summary>optimizer, spectrum, law, α, 95% CI, E, A, sizes, cells, flags.</summary>
    public static string FormatFits(IEnumerable<SeriesFit> fits)
    {
        var table = new TextTable(("optimizer", false), ("s", true), ("law", false), ("alpha", true), ("95% CI", false),
            ("E", true), ("A", true), ("sizes", true), ("cells", true), ("flags", false));
        foreach (var f in fits)
        {
            table.Add(f.Optimizer, Spectrum(f.Spectrum), f.Law, Number(f.Alpha), Interval(f.AlphaCiLow, f.AlphaCiHigh),
                General(f.E), General(f.A), Integer(f.SizeCount), Integer(f.CellCount), string.Join(",", f.Flags));
        }

        return table.ToString();
    }

    /// <summary>optimizer, baseline, spectrum, law, shift with 95% CI, ratio with 95% CI.</summary>
    public static string FormatShifts(IEnumerable<AlphaShift> shifts)
    {
        var table = new TextTable(("optimizer", false), ("baseline", false), ("s", true), ("law", false),
            ("shift", true), ("95% CI", false), ("ratio", true), ("95% CI", false));
        foreach (var s in shifts)
        {
            table.Add(s.Optimizer, s.Baseline, Spectrum(s.Spectrum), s.Law, Number(s.Shift), Interval(s.ShiftCiLow, s.ShiftCiHigh),
                Number(s.Ratio), Interval(s.RatioCiLow, s.RatioCiHigh));
        }

        return table.ToString();
    }

    /// <summary>spectrum, optimizers, shared α, ΔAIC, F, p, verdict.</summary>
    public static string FormatSharedExponent(IEnumerable<SharedExponentTest> tests)
    {
        var table = new TextTable(("s", true), ("optimizers", true), ("shared alpha", true), ("dAIC", true), ("F", true),
            ("p", true), ("verdict", false));
        foreach (var t in tests)
        {
            table.Add(Spectrum(t.Spectrum), Integer(t.Optimizers.Count), Number(t.SharedAlpha), Number(t.DeltaAic, "F2"),
                Number(t.FStatistic, "F3"), General(t.PValue), t.Verdict);
        }

        return table.ToString();
    }

    /// <summary>spectrum, steps, η κ₁, N_max, k_GD, N_max / k_GD.</summary>
    public static string FormatDiagnostics(IEnumerable<SpectralDiagnostic> diagnostics)
    {
        var table = new TextTable(("s", true), ("steps", true), ("eta*kappa1", true), ("N_max", true), ("k_GD", true), ("N_max/k_GD", true));
        foreach (var d in diagnostics)
        {
            table.Add(Spectrum(d.Spectrum), Integer(d.Steps), General(d.EtaKappa1), Integer(d.MaxSize), Number(d.KGd, "F1"), Number(d.Ratio, "F2"));
        }

        return table.ToString();
    }

    private static string Spectrum(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Integer(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? x, string format = "F4") => x is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : Missing;

    private static string General(double? x) => x is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : Missing;

    private static string Interval(double? low, double? high) =>
        low is null && high is null ? Missing : new StringBuilder().Append('[').Append(Number(low)).Append(", ").Append(Number(high)).Append(']').ToString();
}
