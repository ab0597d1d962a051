using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Optimizers;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.Training;

namespace Orchestrator.Numerics.RandomFeatures.Training;

/// <summary>
/// Trains the readout from A₀ = 0 for T steps, in the basis <see cref="TrainingBasis"/> chooses. In H's eigenbasis
/// (training Hessian) the population and finite-data steps are O(KN) and exact, after an eigendecomposition shared
/// through the problem. In the standard basis each step is one product with H (<see cref="DenseQuadraticOracle"/>
/// with lookahead), κ_max comes from Lanczos (shared through the problem) and the natural gradient's (H + δI)⁻¹
/// from a Cholesky factor; Adam always runs there, with the same product. Every curve point is the population loss. Flops include the problem's build, the
/// eigendecomposition and κ_max even when they came from a cache, so a result does not depend on what ran before it.
/// </summary>
internal static class ReadoutTrainer
{
    /// <param name="eigenbasis">
    /// Overrides <see cref="TrainingBasis"/>'s choice when set (tests and benchmarks compare the two bases); false is
    /// honoured only where the standard basis is possible.
    /// </param>
    public static TrainingOutcome Train(RandomFeaturesRun run, RandomFeaturesProblem problem,
        IReadoutOptimizer optimizer, IDenseLinearAlgebra algebra, CancellationToken cancellationToken,
        bool? eigenbasis = null)
    {
        var training = problem.Training;
        int k = run.Outputs, n = run.Size;
        var ledger = new ByteLedger();
        ledger.Hold(problem.ResidentBytes);
        if (optimizer.IsRotationEquivariant && !(eigenbasis ?? TrainingBasis.UsesEigenbasis(run, optimizer))
            && TrainingBasis.AllowsStandardBasis(run, optimizer))
        {
            return TrainInStandardBasis(run, problem, optimizer, algebra, ledger, cancellationToken);
        }

        var flops = problem.BuildFlops;
        var inEigenbasis = optimizer.IsRotationEquivariant;
        var needsSpectrum = inEigenbasis || (optimizer.HasFixedPreconditioner && run.LearningRate is null);
        if (optimizer.HasFixedPreconditioner && !inEigenbasis)
        {
            throw new NotSupportedException($"optimizer '{optimizer.Name}': fixed preconditioners are applied in H's eigenbasis or, for P = I and (H + δI)⁻¹, the standard basis, which requires rotation equivariance");
        }

        SymmetricEigendecomposition? eigen = null;
        double[]? kappa = null;
        double[]? preconditioner = null;
        if (needsSpectrum)
        {
            eigen = training.GetEigendecomposition(algebra);
            flops += SymmetricEigendecomposition.EstimatedFlops(n);
            // Counted as if computed here (the cache may have done it), so the figure does not depend on history.
            ledger.Hold(eigen.Bytes);
            var workspace = algebra.EigendecompositionWorkspaceBytes(n);
            ledger.Hold(workspace);
            ledger.Release(workspace);
            kappa = NumericalRange.Eigenvalues(eigen.Eigenvalues);
            ledger.Hold(8L * n);
            if (optimizer.HasFixedPreconditioner)
            {
                preconditioner = ledger.Allocate(n);
                for (var i = 0; i < n; i++)
                {
                    preconditioner[i] = optimizer.PreconditionerEigenvalue(kappa[i], kappa[^1], run.OptimizerSettings);
                }
            }
        }

        var learningRate = run.LearningRate ?? AutoLearningRate(run, kappa!, preconditioner!);
        var (oracle, probe) = CreateOracleAndProbe(problem, eigen, kappa, inEigenbasis, algebra, ledger, ref flops);

        var update = optimizer.CreateUpdate(k, n, run.OptimizerSettings, preconditioner);
        return Loop(run, problem, oracle, probe, update, learningRate, ledger, flops, cancellationToken);
    }

    /// <summary>
    /// The standard-basis run of a rotation-equivariant optimizer with P = I (or none) or P = (H + δI)⁻¹, population
    /// data: κ_max by Lanczos when needed, the Cholesky factor of H + δI for the natural gradient, one pass over H
    /// per step.
    /// </summary>
    private static TrainingOutcome TrainInStandardBasis(RandomFeaturesRun run, RandomFeaturesProblem problem,
        IReadoutOptimizer optimizer, IDenseLinearAlgebra algebra, ByteLedger ledger, CancellationToken cancellationToken)
    {
        var population = problem.Population;
        int k = run.Outputs, n = run.Size;
        var flops = problem.BuildFlops;
        var largest = 0.0;
        if (TrainingBasis.NeedsLargestEigenvalue(run, optimizer))
        {
            var lanczos = population.GetLargestEigenvalue(algebra, cancellationToken);
            // Counted as if computed here (the cache may have done it), so the figures do not depend on history.
            flops += lanczos.Flops;
            ledger.Hold(LanczosLargestEigenvalue.WorkBytes(n));
            ledger.Release(LanczosLargestEigenvalue.WorkBytes(n));
            largest = Math.Max(lanczos.Value, 0.0);
        }

        ICholeskyFactor? factor = null;
        try
        {
            IParameterUpdate update;
            if (optimizer.PreconditionerForm == PreconditionerForm.DampedInverse)
            {
                factor = algebra.FactorCholesky(n, population.Hessian, run.OptimizerSettings.Damping * largest,
                    TrainingBasis.FormsInverse(run));
                ledger.Hold(factor.Bytes);
                flops += factor.FactorFlops;
                update = new FactoredGradientDescent(k, factor);
            }
            else
            {
                update = optimizer.CreateUpdate(k, n, run.OptimizerSettings, null);
            }

            // κ'_max = p(κ_max)·(2/K)κ_max: p(κ)κ is increasing in κ for both forms, so the largest κ gives it.
            var learningRate = run.LearningRate
                ?? run.LearningRateScale / (optimizer.PreconditionerEigenvalue(largest, largest, run.OptimizerSettings) * 2.0 * largest / run.Outputs);
            var oracle = new DenseQuadraticOracle(population, algebra, lookahead: true);
            return Loop(run, problem, oracle, oracle, update, learningRate, ledger, flops, cancellationToken);
        }
        finally
        {
            factor?.Dispose();
        }
    }

    private static TrainingOutcome Loop(RandomFeaturesRun run, RandomFeaturesProblem problem, IGradientOracle oracle,
        IPopulationLossProbe probe, IParameterUpdate update, double learningRate, ByteLedger ledger, double flops,
        CancellationToken cancellationToken)
    {
        var population = problem.Population;
        int k = run.Outputs, n = run.Size;
        ledger.Hold(oracle.WorkBytes + (ReferenceEquals(oracle, probe) ? 0 : probe.WorkBytes));
        ledger.Hold(update.StateBytes);
        var readout = ledger.Allocate(k * n);
        var gradient = ledger.Allocate(k * n);

        var schedule = LossCurveSchedule.Steps(run.Steps);
        var curve = new List<LossPoint>(schedule.Length) { new(0, population.InitialLoss) };
        var guard = new DivergenceGuard(population.InitialLoss);
        var next = 1;
        var finalLoss = population.InitialLoss;
        string? reason = null;

        for (var step = 1; step <= run.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainingLoss = oracle.Gradient(readout, gradient, step, ref flops);
            reason = guard.Check(trainingLoss, step - 1, "training loss");
            if (reason is not null)
            {
                finalLoss = trainingLoss;
                break;
            }

            flops += update.Apply(readout, gradient, learningRate);
            var record = schedule[next] == step;
            if (!record && !probe.IsCheap)
            {
                continue;
            }

            finalLoss = probe.Loss(readout, ref flops);
            reason = guard.Check(finalLoss, step, "population loss");
            if (record || reason is not null)
            {
                curve.Add(new LossPoint(step, finalLoss));
                next += record ? 1 : 0;
            }

            if (reason is not null)
            {
                break;
            }
        }

        return new TrainingOutcome(finalLoss, curve, reason, learningRate, flops,
            Math.Max(problem.BuildPeakBytes, ledger.Peak));
    }

    /// <summary>η = lr_scale / κ'_max, κ'_max = max_i p_i·(2/K)κ_i: the largest eigenvalue of P·∇²L.</summary>
    private static double AutoLearningRate(RandomFeaturesRun run, double[] kappa, double[] preconditioner)
    {
        var largest = 0.0;
        for (var i = 0; i < kappa.Length; i++)
        {
            largest = Math.Max(largest, preconditioner[i] * 2.0 * kappa[i] / run.Outputs);
        }

        return run.LearningRateScale / largest;
    }

    private static (IGradientOracle Oracle, IPopulationLossProbe Probe) CreateOracleAndProbe(
        RandomFeaturesProblem problem, SymmetricEigendecomposition? eigen, double[]? kappa, bool inEigenbasis,
        IDenseLinearAlgebra algebra, ByteLedger ledger, ref double flops)
    {
        var training = problem.Training;
        var population = problem.Population;
        int k = population.Outputs, n = population.Size;
        if (!inEigenbasis)
        {
            if (problem.Online is null && ReferenceEquals(training, population))
            {
                // One objective: the probe's product after a step serves the next step's gradient.
                var oracle = new DenseQuadraticOracle(population, algebra, lookahead: true);
                return (oracle, oracle);
            }

            var standardProbe = new DenseQuadraticOracle(population, algebra);
            IGradientOracle standardOracle = problem.Online is { } sampler
                ? new MinibatchOracle(sampler, null, algebra)
                : new DenseQuadraticOracle(training, algebra);
            return (standardOracle, standardProbe);
        }

        var rotatedCross = ledger.Allocate(k * n);
        algebra.Multiply(false, true, k, n, n, 1.0, training.Cross, eigen!.Eigenvectors, 0.0, rotatedCross);
        flops += DenseMatrix.MultiplyFlops(k, n, n);
        NumericalRange.ProjectCross(kappa!, rotatedCross);
        var diagonal = new DiagonalQuadratic(k, n, kappa!, rotatedCross, training.Constant);
        if (problem.Online is { } online)
        {
            return (new MinibatchOracle(online, eigen, algebra), diagonal);
        }

        if (ReferenceEquals(training, population))
        {
            return (diagonal, diagonal);
        }

        var probe = new RotatedLossProbe(eigen, k, new DenseQuadraticOracle(population, algebra), algebra);
        return (diagonal, probe);
    }
}
