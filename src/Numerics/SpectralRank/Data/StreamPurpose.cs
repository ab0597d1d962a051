namespace Orchestrator.Numerics.SpectralRank.Data;

/// <summary>Tags of the independent random streams of one run (see <see cref="Random.StreamSeeds"/>).</summary>
internal enum StreamPurpose : ulong
{
    Embedding = 101,
    TeacherInput = 102,
    TeacherOutput = 103,
    StudentInput = 104,
    StudentOutput = 105,
    Batch = 106,
    HeldOut = 107,
}
