namespace Orchestrator.Numerics.Benchmarks;

/// <summary>Standard normal draws (Box–Muller) from a SplitMix64 stream: fixed benchmark data on every runtime.</summary>
internal sealed class NormalStream(ulong seed)
{
    private ulong _state = seed;

    public double Next() => Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform());

    private double Uniform()
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }
}
