using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank.Data;

namespace Orchestrator.Numerics.SpectralRank.Training;

/// <summary>
/// The <see cref="FfnInput.Context"/> examples: per example a current token t and then a context token c, each drawn
/// by frequency; input x = √d·u/‖u‖ with u = e_t + ctx·e_c, target y = W_b tanh(W_a x), computed as
/// W_b tanh(s·(a_t + ctx·a_c)) with s = √d/‖u‖ (<see cref="TeacherLayers"/>). Element passes run in row order.
/// </summary>
internal sealed class ContextExamples : IExampleBatch
{
    private readonly TokenTask _task;
    private readonly TeacherLayers _teacher;
    private readonly double _contextWeight;
    private readonly double[] _teacherHidden;

    public ContextExamples(TokenTask task, double contextWeight, int rows)
    {
        _task = task;
        _teacher = task.Teacher ?? throw new ArgumentException("the task was built without the teacher's layers", nameof(task));
        _contextWeight = contextWeight;
        Rows = rows;
        Inputs = new double[(long)rows * task.EmbedDim];
        Targets = new double[(long)rows * task.Outputs];
        CurrentTokens = new int[rows];
        _teacherHidden = new double[(long)rows * _teacher.Width];
    }

    public int Rows { get; }

    public double[] Inputs { get; }

    public double[] Targets { get; }

    /// <summary>The current token t of each example of the last draw: the token its bucket is read from.</summary>
    public int[] CurrentTokens { get; }

    public long Bytes => 8L * (Inputs.Length + Targets.Length + _teacherHidden.Length) + 4L * CurrentTokens.Length;

    public double Draw(ref Xoshiro256StarStar random, IDenseLinearAlgebra algebra)
    {
        int d = _task.EmbedDim, h = _teacher.Width;
        var embeddings = _task.Embeddings;
        var a = _teacher.TokenPreActivations;
        var root = Math.Sqrt(d);
        for (var i = 0; i < Rows; i++)
        {
            var current = _task.Distribution.Sample(ref random);
            var context = _task.Distribution.Sample(ref random);
            CurrentTokens[i] = current;
            long row = (long)i * d, t = (long)current * d, c = (long)context * d;
            var squares = 0.0;
            for (var j = 0; j < d; j++)
            {
                var u = embeddings[t + j] + _contextWeight * embeddings[c + j];
                Inputs[row + j] = u;
                squares += u * u;
            }

            var scale = root / Math.Sqrt(squares);
            for (var j = 0; j < d; j++)
            {
                Inputs[row + j] *= scale;
            }

            long hiddenRow = (long)i * h, ta = (long)current * h, ca = (long)context * h;
            for (var j = 0; j < h; j++)
            {
                _teacherHidden[hiddenRow + j] = Math.Tanh(scale * (a[ta + j] + _contextWeight * a[ca + j]));
            }
        }

        algebra.Multiply(false, true, Rows, _task.Outputs, h, 1.0, _teacherHidden, _teacher.Output, 0.0, Targets);
        return (double)Rows * (5.0 * d + 4.0 * h) + DenseMatrix.MultiplyFlops(Rows, _task.Outputs, h);
    }
}
