#:project ../../src/Numerics/Numerics.csproj
// Single-seed cells of examples/spectral-rank.yaml (ctx 1, seed 0), trained or untrained, run in-process:
//   dotnet run benchmarks/spectral-rank-probe/probe.cs -c Release -- STEPS OPTIMIZERS WIDTHS [init]
// e.g. `-- 1000 adamw,muon 32,128,512`; `init` takes one step at lr 1e-15, i.e. the untrained network.
// Prints per cell the held-out losses and the TAIL (and HEAD, all) ranks; the trained cells equal the example's.
using Orchestrator.Numerics.SpectralRank;
using Orchestrator.Numerics.SpectralRank.Data;

var steps = int.Parse(args[0]);
var optimizers = args[1].Split(',');
var widths = args[2].Split(',').Select(int.Parse).ToArray();
var untrained = args.Length > 3 && args[3] == "init";
foreach (var optimizer in optimizers)
{
    foreach (var width in widths)
    {
        var run = new SpectralRankRun
        {
            Vocab = 1024, EmbedDim = 128, Outputs = 64, TeacherWidth = 256, Input = FfnInput.Context, ContextWeight = 1.0,
            Zipf = 1.0, Width = width, Seed = 0, Steps = steps, Batch = 1024, Optimizer = optimizer, EvalTokens = 20000,
            LearningRate = untrained ? 1e-15 : optimizer switch { "muon" => 0.02, "sgd" => 0.1, _ => 0.003 },
            OptimizerSettings = new FfnOptimizerSettings { WeightDecay = 0.01, Momentum = optimizer == "sgd" ? 0.9 : 0.95 },
        };
        var result = SpectralRankKernel.Run(run);
        var m = result.Measurements;
        Console.WriteLine($"{optimizer,-6} D={width,4} T={steps} untrained={untrained} loss0={result.Run.Curve[0].Loss:F4} "
            + $"loss={result.Run.FinalLoss:F4} loss_tail={m["loss_tail"]:F4} hard_tail={m["hard_rank_tail"]:F2} "
            + $"soft_tail={m["soft_rank_tail"]:F2} pre_hard_tail={m["pre_hard_rank_tail"]:F2} hard_head={m["hard_rank_head"]:F2} "
            + $"hard_all={m["hard_rank_all"]:F2} seconds={result.Run.Seconds:F1}");
    }
}
