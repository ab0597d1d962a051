namespace Orchestrator.Numerics.Fitting;

/// <summary>Settings of the scaling-law analysis. The defaults are the ones the product documents.</summary>
public sealed record FitOptions
{
    /// <summary>The fixed bootstrap seed used when none is given, so that a refit is reproducible bit for bit.</summary>
    public const ulong DefaultBootstrapSeed = 0x5CA1_1A5E_D15E_A5E5UL;

    /// <summary>The optimizer the α-shifts are measured against.</summary>
    public string Baseline { get; init; } = "gd";

    /// <summary>Number of cluster-bootstrap resamples (seeds resampled within each size). Zero disables the bootstrap.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Seed of the bootstrap's counter-based generator; a fit depends only on its data and this seed.</summary>
    public ulong BootstrapSeed { get; init; } = DefaultBootstrapSeed;

    /// <summary>Training steps T of the sweep, for the spectral diagnostic; null leaves the diagnostic out.</summary>
    public int? Steps { get; init; }

    /// <summary>
    /// η κ₁ in k_GD ≈ (η κ₁ T)^(1/s). With <c>lr: auto</c> (η = lr_scale / κ'_max, κ'_max = 2κ₁/K for GD) the exact
    /// value is lr_scale · K / 2; the default 1 is the order-of-magnitude value the diagnostic is read with.
    /// </summary>
    public double EtaKappa1 { get; init; } = 1.0;

    /// <summary>
    /// Threads a bootstrap may use. Results do not depend on it (each resample has its own generator stream and its
    /// own slot); 1 keeps the fit on the caller's thread, which suits a host that runs other work on its cores.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>Two-sided confidence level of every interval (t-interval and bootstrap interval).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The saturating law's α grid for the point estimate (dense) and for each bootstrap resample (coarse).</summary>
    public AlphaGrid AlphaGrid { get; init; } = AlphaGrid.Default;

    /// <summary>
    /// The size exponent α both size laws and the size × time law use instead of fitting it; null fits it. With it,
    /// the fits estimate the coefficients alone (power: A; saturating: E, A ≥ 0; size × time: β and E, A, B ≥ 0), the
    /// α-shift table is empty and the coefficient-shift table compares optimizers at this α.
    /// </summary>
    public double? FixedAlpha { get; init; }

    /// <summary>The time exponent β of the size × time law L = E + A·N^(−α) + B·τ^(−β), held instead of fitted; null fits it.</summary>
    public double? FixedBeta { get; init; }

    /// <summary>
    /// Null fits by least squares on log residuals; a value fits by the Huber loss on log residuals with this δ
    /// (see <see cref="HuberLoss"/>). Either way the other objective's α is computed as a check
    /// (<see cref="FitFlags.OutlierSensitive"/>).
    /// </summary>
    public double? HuberDelta { get; init; }
}
