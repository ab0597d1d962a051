namespace Orchestrator.Numerics.SpectralRank.Data;

/// <summary>
/// The random teacher y = W_b tanh(W_a x) of a <see cref="FfnInput.Context"/> task, stored so that an input
/// x = s·(e_t + ctx·e_c) costs no product with W_a: W_a x = s·(a_t + ctx·a_c) with a_k = W_a e_k.
/// </summary>
/// <param name="Width">The teacher's hidden width h.</param>
/// <param name="TokenPreActivations">V×h row-major: row k is a_k = W_a e_k.</param>
/// <param name="Output">W_b, K×h row-major.</param>
public sealed record TeacherLayers(int Width, double[] TokenPreActivations, double[] Output)
{
    public long Bytes => 8L * (TokenPreActivations.Length + Output.Length);
}
