namespace Orchestrator.FitCoverage;

/// <summary>
/// The synthetic design: sizes 32…4096 (powers of two), seeds 0…G−1 at every size, 2% multiplicative log-normal
/// noise, L = (E + A·N^(−α))·exp(0.02·ε). Two optimizers per scenario, with exponents 0.3 and 0.45 (a known shift
/// of 0.15): a saturating scenario (E = 0.02, A = 2.5) and a pure power-law one (E = 0).
/// </summary>
internal static class CoverageDesign
{
    public static readonly int[] Sizes = [32, 64, 128, 256, 512, 1024, 2048, 4096];

    public const double Noise = 0.02;

    public const double Level = 0.95;

    public const double Spectrum = 1.0;

    public static readonly (TrueLaw Baseline, TrueLaw Other) Saturating =
        (new TrueLaw("gd", 0.02, 2.5, 0.3), new TrueLaw("natural-gradient", 0.02, 2.5, 0.45));

    public static readonly (TrueLaw Baseline, TrueLaw Other) Power =
        (new TrueLaw("gd", 0, 2.5, 0.3), new TrueLaw("natural-gradient", 0, 2.5, 0.45));
}
