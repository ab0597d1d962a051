using Orchestrator.Numerics.Fitting;
using Xunit;

namespace Orchestrator.Numerics.Tests.Fitting;

public sealed class FitTableFormatterTests
{
    [Fact]
    public void Tables_show_every_record_with_aligned_columns()
    {
        var data = SyntheticSweep.Series("gd", 1.0, 0.01, 1, 0.3, 0.05, 71);
        data.AddRange(SyntheticSweep.Series("natural-gradient", 1.0, 0.01, 1, 0.6, 0.05, 72, sizes: [32, 64]));
        var analysis = ScalingLawAnalysis.Analyze(data, new FitOptions { BootstrapResamples = 50, Steps = 15 });

        string text = FitTableFormatter.Format(analysis);
        string fits = FitTableFormatter.FormatFits(analysis.Fits);

        Assert.Contains("Exponents", text);
        Assert.Contains("Shifts against the baseline", text);
        Assert.Contains("Shared-exponent test", text);
        Assert.Contains("Spectral diagnostic", text);
        var lines = fits.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + analysis.Fits.Count, lines.Length);
        Assert.StartsWith("optimizer", lines[0]);
        Assert.Contains(analysis.Fits[0].Alpha!.Value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), lines[2]);
        Assert.Contains("few-sizes,narrow-span", fits);
        Assert.Contains("insufficient-data", fits);

        // Right-aligned numeric columns end at the same offset in every row.
        int alphaEnd = lines[0].IndexOf("alpha", StringComparison.Ordinal) + "alpha".Length;
        Assert.All(lines.Skip(2), l => Assert.NotEqual(' ', l[alphaEnd - 1]));
    }
}
