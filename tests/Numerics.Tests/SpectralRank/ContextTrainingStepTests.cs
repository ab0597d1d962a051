using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.SpectralRank.Data;
using Orchestrator.Numerics.SpectralRank.Model;
using Orchestrator.Numerics.SpectralRank.Training;
using Xunit;

namespace Orchestrator.Numerics.Tests.SpectralRank;

/// <summary>
/// One training step of the context variant against the design written out by hand: the examples' inputs and targets
/// from the raw teacher, and the minibatch gradients against central finite differences of the minibatch loss.
/// </summary>
public sealed class ContextTrainingStepTests
{
    private static readonly SpectralRankRun Small = new()
    {
        Input = FfnInput.Context, Vocab = 50, EmbedDim = 7, Outputs = 3, TeacherWidth = 11, Zipf = 1.0, Width = 5, Seed = 4,
        Steps = 1, Batch = 9, Optimizer = "adamw", LearningRate = 0.01, ContextWeight = 0.7,
    };

    private static readonly IDenseLinearAlgebra Algebra = DenseLinearAlgebra.Default;

    [Fact]
    public void InputsAreTheNormalisedMixAndTargetsTheTeacherAppliedToThem()
    {
        var task = TokenTask.Build(Small, Algebra, out _);
        int d = Small.EmbedDim, h = Small.TeacherWidth, k = Small.Outputs;
        // The teacher's raw layers, regenerated from their streams: W_a (h×d, N(0, 1/d)) and W_b (k×h, N(0, 1/h)).
        var teacherInput = TokenTask.Gaussian(h, d, 1.0 / Math.Sqrt(d), task.Root, StreamPurpose.TeacherInput);
        var teacherOutput = TokenTask.Gaussian(k, h, 1.0 / Math.Sqrt(h), task.Root, StreamPurpose.TeacherOutput);
        Assert.Equal(teacherOutput, task.Teacher!.Output);

        var examples = new ContextExamples(task, Small.ContextWeight, 40);
        var random = StreamSeeds.Create(99, 1, 0);
        examples.Draw(ref random, Algebra);
        // The same stream gives the pairs: current then context token, each by frequency.
        var replay = StreamSeeds.Create(99, 1, 0);
        for (var i = 0; i < examples.Rows; i++)
        {
            var current = task.Distribution.Sample(ref replay);
            var context = task.Distribution.Sample(ref replay);
            Assert.Equal(current, examples.CurrentTokens[i]);
            var u = Enumerable.Range(0, d).Select(j => task.Embeddings[current * d + j] + Small.ContextWeight * task.Embeddings[context * d + j]).ToArray();
            var norm = Math.Sqrt(u.Sum(v => v * v));
            var x = u.Select(v => Math.Sqrt(d) * v / norm).ToArray();
            for (var j = 0; j < d; j++)
            {
                Assert.Equal(x[j], examples.Inputs[i * d + j], 1e-12);
            }

            Assert.Equal(d, x.Sum(v => v * v), 1e-10);
            var hidden = Enumerable.Range(0, h).Select(r => Math.Tanh(Enumerable.Range(0, d).Sum(j => teacherInput[r * d + j] * x[j]))).ToArray();
            for (var o = 0; o < k; o++)
            {
                var y = Enumerable.Range(0, h).Sum(r => teacherOutput[o * h + r] * hidden[r]);
                Assert.Equal(y, examples.Targets[i * k + o], 1e-12);
            }
        }
    }

    [Fact]
    public void GradientsMatchCentralFiniteDifferencesOfTheMinibatchLoss()
    {
        var task = TokenTask.Build(Small, Algebra, out _);
        var model = new FeedForwardBlock(task, Small.Width);
        var buffers = new MinibatchBuffers(new ContextExamples(task, Small.ContextWeight, Small.Batch), model);
        var start = StreamSeeds.Create(7, 2, 0);

        double Loss()
        {
            var random = start;
            var flops = 0.0;
            return buffers.LossAndGradients(model, ref random, Algebra, ref flops);
        }

        Loss();
        var inputGradient = (double[])buffers.InputWeightGradient.Clone();
        var outputGradient = (double[])buffers.OutputWeightGradient.Clone();
        foreach (var (weights, gradient) in new[] { (model.Input, inputGradient), (model.Output, outputGradient) })
        {
            Assert.Contains(gradient, g => Math.Abs(g) > 1e-3);
            for (var i = 0; i < weights.Length; i++)
            {
                const double step = 1e-6;
                var saved = weights[i];
                weights[i] = saved + step;
                var up = Loss();
                weights[i] = saved - step;
                var down = Loss();
                weights[i] = saved;
                var numeric = (up - down) / (2 * step);
                Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 * (1 + Math.Abs(gradient[i])),
                    $"entry {i}: analytic {gradient[i]}, finite difference {numeric}");
            }
        }
    }
}
