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

    /// <summary>Two-sided confidence level of every interval (t-interval and bootstrap percentile interval).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The size × time law's size exponent α held at this value instead of fitted; null fits it.</summary>
    public double? FixedAlpha { get; init; }

    /// <summary>The size × time law's time exponent β held at this value instead of fitted; null fits it.</summary>
    public double? FixedBeta { get; init; }

    /// <summary>The saturating law's α grid for the point estimate (dense) and for each bootstrap resample (coarse).</summary>
    public AlphaGrid AlphaGrid { get; init; } = AlphaGrid.Default;
}
