namespace Orchestrator.AdaptiveBenchmark;

/// <summary>
/// One random-features cell run once: its final loss, whether it diverged, the seconds its training took with the
/// problem already built (warm), and the seconds building its problem took (shared by the optimizers of the problem).
/// </summary>
internal sealed record MeasuredCell(string Optimizer, double Spectrum, int Size, int Seed, double Loss, bool Diverged, double WarmSeconds, double BuildSeconds)
{
    public bool Usable => !Diverged && double.IsFinite(Loss) && Loss > 0;
}
