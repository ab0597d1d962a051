namespace Orchestrator.Numerics.RandomFeatures.Problems;

/// <summary>
/// One built problem: the population objective (H = F Λ Fᵀ, B = W* Λ Fᵀ, c = tr(W* Λ W*ᵀ)), the objective the
/// optimizer trains on (the population one, or the empirical one of <c>finite:D</c>), and for <c>online:B</c> the
/// minibatch sampler. Immutable apart from the lazily computed eigendecompositions; safe to share across threads.
/// </summary>
public sealed class RandomFeaturesProblem
{
    internal RandomFeaturesProblem(ProblemKey key, QuadraticObjective population, QuadraticObjective training,
        OnlineSampler? online, double buildFlops, long buildPeakBytes)
    {
        Key = key;
        Population = population;
        Training = training;
        Online = online;
        BuildFlops = buildFlops;
        BuildPeakBytes = buildPeakBytes;
    }

    public ProblemKey Key { get; }
    /// <summary>The objective every reported loss is measured on.</summary>
    public QuadraticObjective Population { get; }
    /// <summary>The objective whose gradient drives training: <see cref="Population"/> unless the data is finite.</summary>
    public QuadraticObjective Training { get; }
    /// <summary>The minibatch source of <c>online:B</c>, else null.</summary>
    public OnlineSampler? Online { get; }
    /// <summary>Flops spent building the problem (counted analytically).</summary>
    public double BuildFlops { get; }
    /// <summary>Peak bytes of the arrays allocated while building.</summary>
    public long BuildPeakBytes { get; }

    /// <summary>Bytes of the matrices the problem keeps (without eigendecompositions).</summary>
    public long ResidentBytes =>
        Population.MatrixBytes + (ReferenceEquals(Training, Population) ? 0 : Training.MatrixBytes) + (Online?.Bytes ?? 0);

    /// <summary>
    /// Hands H (and the training objective's own Ĥ) to <see cref="MatrixPool"/> for the next build of this size. Only
    /// for a problem nothing can reach any more: the cache calls it once the problem is evicted and unleased.
    /// </summary>
    /// <returns>The bytes handed over.</returns>
    internal long ReturnMatrices()
    {
        MatrixPool.Return(Population.Hessian);
        var bytes = 8L * Population.Hessian.LongLength;
        if (!ReferenceEquals(Training, Population))
        {
            MatrixPool.Return(Training.Hessian);
            bytes += 8L * Training.Hessian.LongLength;
        }

        return bytes;
    }

    /// <summary>Bytes held now, eigendecompositions included.</summary>
    public long Bytes =>
        Population.Bytes + (ReferenceEquals(Training, Population) ? 0 : Training.Bytes) + (Online?.Bytes ?? 0);
}
