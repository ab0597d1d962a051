namespace Orchestrator.Specs.Experiments.Synthetic;

/// <summary>Spec keys of the <c>synthetic</c> settings.</summary>
public static class SyntheticSettingNames
{
    /// <summary>E, the loss floor of L(N, τ) = (E + A·N^-α + B·τ^-β)·exp(σ·ε).</summary>
    public const string Floor = "E";

    /// <summary>A, the amplitude.</summary>
    public const string Amplitude = "A";

    /// <summary>α, the exponent the fits should recover.</summary>
    public const string Alpha = "alpha";

    /// <summary>B, the amplitude of the time term B·τ^-β (0: no time term).</summary>
    public const string TimeAmplitude = "B";

    /// <summary>β, the exponent of the time term.</summary>
    public const string TimeExponent = "beta";

    /// <summary>T, the steps whose loss curve the cell reports (at the log-spaced schedule's steps ≥ 1).</summary>
    public const string Steps = CommonSettingNames.Steps;

    /// <summary>η, the learning rate: the dynamical time after t steps is τ = η·t.</summary>
    public const string LearningRate = CommonSettingNames.LearningRate;

    /// <summary>σ, the log-normal noise; ε is a standard normal drawn from the cell's axis values.</summary>
    public const string Noise = "sigma";

    /// <summary>Seconds each cell takes (it sleeps, using no CPU), times N^p with p the <see cref="DurationExponent"/>.</summary>
    public const string Duration = "duration";

    /// <summary>p: a cell of size N takes duration·N^p seconds, so that cost grows with size as in real experiments.</summary>
    public const string DurationExponent = "duration_exponent";

    /// <summary><c>none</c>, <c>crash</c> (the silo process dies), <c>hang</c> (until cancelled) or <c>allocate</c>.</summary>
    public const string Fault = "fault";

    /// <summary>The size the fault strikes at; 0 for every size.</summary>
    public const string FaultSize = "fault_size";

    /// <summary>The seed the fault strikes at; -1 for every seed.</summary>
    public const string FaultSeed = "fault_seed";

    /// <summary>MiB that <c>fault: allocate</c> allocates and touches, held for the cell's duration.</summary>
    public const string FaultMebibytes = "fault_mib";
}
