using MathNet.Numerics.LinearAlgebra;
using Orchestrator.Numerics.RandomFeatures;
using Orchestrator.Numerics.RandomFeatures.Problems;
using Orchestrator.Numerics.Random;
using Xunit;

namespace Orchestrator.Numerics.Tests.RandomFeatures;

/// <summary>
/// The built problem against a direct construction from the documented streams: W* row j from stream
/// (root, 1, j), F row i from (root, 2, i), finite sample d from (root, 3, d), all N(0, 1) by xoshiro256** +
/// Box–Muller, then H = F Λ Fᵀ, B = W* Λ Fᵀ, c = tr(W* Λ W*ᵀ) as SCIENCE.md writes them.
/// </summary>
public sealed class ProblemBuilderTests
{
    private sealed record Direct(Matrix<double> F, Matrix<double> Target, Matrix<double> Lambda, Matrix<double>? Samples);

    private static Direct Construct(RandomFeaturesRun run)
    {
        var key = ProblemKey.Of(run);
        int m = run.LatentDim, n = run.Size, k = run.Outputs;
        var root = key.RootSeed;
        var lambda = Matrix<double>.Build.DiagonalOfDiagonalArray(Enumerable.Range(1, m).Select(j => Math.Pow(j, -run.Spectrum)).ToArray());
        var target = Matrix<double>.Build.Dense(k, m);
        for (var row = 0; row < k; row++)
        {
            var rng = StreamSeeds.Create(root, 1, (ulong)row);
            for (var j = 0; j < m; j++)
            {
                target[row, j] = rng.NextStandardNormal() * Math.Pow(j + 1, -run.TargetDecay / 2);
            }
        }

        var f = Matrix<double>.Build.Dense(n, m);
        for (var i = 0; i < n; i++)
        {
            var rng = StreamSeeds.Create(root, 2, (ulong)i);
            for (var j = 0; j < m; j++)
            {
                f[i, j] = rng.NextStandardNormal() / Math.Sqrt(n);
            }
        }

        Matrix<double>? samples = null;
        if (run.Data.Kind == DataRegimeKind.Finite)
        {
            samples = Matrix<double>.Build.Dense(run.Data.Samples, m);
            for (var d = 0; d < run.Data.Samples; d++)
            {
                var rng = StreamSeeds.Create(root, 3, (ulong)d);
                for (var j = 0; j < m; j++)
                {
                    samples[d, j] = rng.NextStandardNormal() * Math.Sqrt(lambda[j, j]);
                }
            }
        }

        return new Direct(f, target, lambda, samples);
    }

    private static void AssertClose(Matrix<double> expected, double[] actual, double tolerance)
    {
        var scale = expected.Enumerate().Max(Math.Abs);
        for (var i = 0; i < expected.RowCount; i++)
        {
            for (var j = 0; j < expected.ColumnCount; j++)
            {
                Assert.True(Math.Abs(expected[i, j] - actual[i * expected.ColumnCount + j]) <= tolerance * scale,
                    $"({i}, {j}): {expected[i, j]:R} vs {actual[i * expected.ColumnCount + j]:R}");
            }
        }
    }

    [Theory]
    [InlineData(300, 0.7, 0.0, 1, 40)]
    [InlineData(600, 1.3, 0.5, 3, 90)] // spans three generation blocks, the last one partial
    public void PopulationProblemMatchesTheDefinition(int m, double s, double r, int k, int n)
    {
        var run = new RandomFeaturesRun
        {
            LatentDim = m, Spectrum = s, TargetDecay = r, Outputs = k, Size = n, Seed = 5, Steps = 1, Optimizer = "gd",
        };
        var direct = Construct(run);
        var problem = TestKernel.Build(run);

        AssertClose(direct.F * direct.Lambda * direct.F.Transpose(), problem.Population.Hessian, 1e-13);
        AssertClose(direct.Target * direct.Lambda * direct.F.Transpose(), problem.Population.Cross, 1e-13);
        var c = (direct.Target * direct.Lambda * direct.Target.Transpose()).Trace();
        Assert.Equal(c, problem.Population.Constant, 1e-12 * c);
        Assert.Same(problem.Population, problem.Training);
        Assert.Null(problem.Online);
    }

    [Fact]
    public void FiniteDataProblemHoldsTheEmpiricalLoss()
    {
        var run = new RandomFeaturesRun
        {
            LatentDim = 400, Spectrum = 1.1, Outputs = 2, Size = 30, Seed = 3, Steps = 1, Optimizer = "gd",
            Data = new DataRegime(DataRegimeKind.Finite, 50),
        };
        var direct = Construct(run);
        var problem = TestKernel.Build(run);
        var phi = direct.Samples! * direct.F.Transpose(); // D×N features
        var y = direct.Samples! * direct.Target.Transpose(); // D×K targets

        AssertClose(phi.Transpose() * phi / 50.0, problem.Training.Hessian, 1e-13);
        AssertClose(y.Transpose() * phi / 50.0, problem.Training.Cross, 1e-13);
        var c = y.Enumerate().Sum(v => v * v) / 50.0;
        Assert.Equal(c, problem.Training.Constant, 1e-12 * c);
        AssertClose(direct.F * direct.Lambda * direct.F.Transpose(), problem.Population.Hessian, 1e-13);
    }

    [Fact]
    public void TopEigenvaluesOfHTrackTheSpectrumIndependentlyOfSize()
    {
        foreach (var n in new[] { 64, 256 })
        {
            var run = new RandomFeaturesRun { LatentDim = 2048, Spectrum = 1.5, Size = n, Seed = 1, Steps = 1, Optimizer = "gd" };
            var h = TestKernel.Build(run).Population.Hessian;
            var evd = Matrix<double>.Build.Dense(n, n, (i, j) => h[i * n + j]).Evd(Symmetricity.Symmetric);
            var largest = evd.EigenValues.Select(v => v.Real).Max();
            Assert.InRange(largest, 0.6, 1.6); // ≈ λ₁ = 1 with N(0, 1/N) features
        }
    }

    [Fact]
    public void TheProblemDoesNotDependOnTheOptimizerOrSteps()
    {
        var a = new RandomFeaturesRun { LatentDim = 256, Spectrum = 1, Size = 32, Seed = 9, Steps = 5, Optimizer = "gd" };
        var b = a with { Optimizer = "adam", Steps = 70, LearningRate = 0.1 };
        Assert.Equal(ProblemKey.Of(a), ProblemKey.Of(b));
        Assert.Equal(TestKernel.Build(a).Population.Hessian, TestKernel.Build(b).Population.Hessian);
        Assert.NotEqual(ProblemKey.Of(a).RootSeed, ProblemKey.Of(a with { Seed = 10 }).RootSeed);
    }

    [Fact]
    public void TheObjectiveEvaluatesAnyReadoutsPopulationLoss()
    {
        var run = new RandomFeaturesRun { LatentDim = 200, Spectrum = 1, Outputs = 3, Size = 25, Seed = 2, Steps = 1, Optimizer = "gd" };
        var objective = TestKernel.Build(run).Population;
        var rng = new Xoshiro256StarStar(3);
        var readout = Enumerable.Range(0, 3 * 25).Select(_ => 0.1 * rng.NextStandardNormal()).ToArray();
        var expected = new DenseReferenceTrainer(objective).PopulationLoss(DenseReferenceTrainer.ToMatrix(3, 25, readout));
        Assert.Equal(expected, objective.Loss(readout, Orchestrator.Numerics.LinearAlgebra.DenseLinearAlgebra.Default), 1e-12 * expected);
        Assert.Equal(objective.Constant / 3, objective.InitialLoss);
    }
}
