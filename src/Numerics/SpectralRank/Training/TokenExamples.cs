using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;
using Orchestrator.Numerics.SpectralRank.Data;

namespace Orchestrator.Numerics.SpectralRank.Training;

/// <summary>The <see cref="FfnInput.Token"/> examples: tokens drawn by frequency, their embeddings and fixed targets.</summary>
internal sealed class TokenExamples(TokenTask task, int rows) : IExampleBatch
{
    public int Rows => rows;

    public double[] Inputs { get; } = new double[(long)rows * task.EmbedDim];

    public double[] Targets { get; } = new double[(long)rows * task.Outputs];

    public long Bytes => 8L * (Inputs.Length + Targets.Length);

    /// <summary>Copies only: no flops.</summary>
    public double Draw(ref Xoshiro256StarStar random, IDenseLinearAlgebra algebra)
    {
        int d = task.EmbedDim, k = task.Outputs;
        for (var i = 0; i < rows; i++)
        {
            var token = task.Distribution.Sample(ref random);
            Array.Copy(task.Embeddings, (long)token * d, Inputs, (long)i * d, d);
            Array.Copy(task.Targets, (long)token * k, Targets, (long)i * k, k);
        }

        return 0;
    }
}
