using Orchestrator.Numerics.LinearAlgebra;
using Orchestrator.Numerics.Random;

namespace Orchestrator.Numerics.SpectralRank.Training;

/// <summary>A fixed number n of training examples, redrawn in place from a random stream.</summary>
internal interface IExampleBatch
{
    int Rows { get; }

    /// <summary>n×d row-major inputs of the last draw.</summary>
    double[] Inputs { get; }

    /// <summary>n×K row-major targets of the last draw.</summary>
    double[] Targets { get; }

    /// <summary>Bytes of the arrays the batch holds.</summary>
    long Bytes { get; }

    /// <summary>Draws n examples from <paramref name="random"/> into <see cref="Inputs"/> and <see cref="Targets"/>; returns the flops.</summary>
    double Draw(ref Xoshiro256StarStar random, IDenseLinearAlgebra algebra);
}
