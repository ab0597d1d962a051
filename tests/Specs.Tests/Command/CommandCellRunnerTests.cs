using System.Text;
using Orchestrator.Numerics.Training;
using Orchestrator.Specs.Experiments.Command;

namespace Orchestrator.Specs.Tests.Command;

/// <summary>What a runner's process sees, and how its output becomes a result or a failure with a reason.</summary>
public sealed class CommandCellRunnerTests : IDisposable
{
    private readonly ScriptFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Progress_lines_and_the_final_line_make_the_result()
    {
        var script = _folder.Write("train.sh", """
            #!/bin/sh
            echo '{"step": 0, "loss": 1.0}'
            echo ''
            echo 'warming up' >&2
            echo '{"step": 10, "loss": 0.5, "lr": 0.1}'
            echo '{"final_loss": 0.25, "measurements": {"train_loss": 0.2, "rank": 3}}'
            """);
        var progress = new RecordingProgress();

        var result = await Runners.Run(Runners.For(script), progress);

        Assert.Equal(0.25, result.FinalLoss);
        Assert.False(result.Diverged);
        Assert.Equal([new LossPoint(0, 1.0), new LossPoint(10, 0.5)], result.Curve);
        Assert.Equal([(0, 1.0), (10, 0.5)], progress.Reports);
        Assert.Equal(new Dictionary<string, double> { ["train_loss"] = 0.2, ["rank"] = 3 }, result.Measurements);
        Assert.InRange(result.Seconds, 0, 20);
    }

    [Fact]
    public async Task Measurements_are_optional()
    {
        var script = _folder.Write("train.sh", "#!/bin/sh\necho '{\"final_loss\": 0.5}'\n");

        var result = await Runners.Run(Runners.For(script));

        Assert.Equal(0.5, result.FinalLoss);
        Assert.Empty(result.Measurements);
        Assert.Empty(result.Curve);
    }

    [Theory]
    [InlineData("""{"final_loss": null}""", double.NaN)]
    [InlineData("""{"final_loss": NaN}""", double.NaN)]
    [InlineData("""{"final_loss": "NaN"}""", double.NaN)]
    [InlineData("""{"final_loss": Infinity, "measurements": {"x": -Infinity}}""", double.PositiveInfinity)]
    [InlineData("""{"final_loss": "Infinity"}""", double.PositiveInfinity)]
    [InlineData("""{"final_loss": 1e999}""", double.PositiveInfinity)]
    public async Task A_non_finite_final_loss_is_a_diverged_result(string line, double expected)
    {
        var result = await Runners.Run(Runners.For(Printing(line)));

        Assert.True(result.Diverged);
        Assert.Equal(expected, result.FinalLoss);
    }

    [Fact]
    public async Task Bare_non_finite_words_inside_strings_are_left_alone()
    {
        var result = await Runners.Run(Runners.For(Printing(
            """{"step": 1, "loss": NaN, "note": "NaN or Infinity"}""",
            """{"final_loss": 0.5, "measurements": {"gap": -Infinity}}""")));

        Assert.True(double.IsNaN(Assert.Single(result.Curve).Loss));
        Assert.Equal(double.NegativeInfinity, result.Measurements["gap"]);
        Assert.Equal(0.5, result.FinalLoss);
    }

    [Fact]
    public async Task Each_template_element_is_one_argument_with_its_placeholders_filled()
    {
        var script = _folder.Write("args.sh", "#!/bin/sh\nout=\"$1\"; shift\nprintf '%s\\0' \"$@\" > \"$out\"\necho '{\"final_loss\": 1}'\n");
        var output = _folder.PathOf("argv");
        string[] template =
        [
            output, "{optimizer}", "--spectrum={spectrum}", "{size}", "{seed}", "a b  c", """{"json": 1}""",
            "$HOME; echo pwned", "{lr}", "--label", "{label}", "{cell_id}", "it's \"quoted\"", "", "{size}x{size}",
        ];

        await Runners.Run(Runners.For(script, 20, template));

        var argv = File.ReadAllText(output, Encoding.UTF8).Split('\0')[..^1];
        Assert.Equal(
        [
            "adam", "--spectrum=1.5", "256", "7", "a b  c", """{"json": 1}""", "$HOME; echo pwned", "0.001",
            "--label", "my run", "0123456789abcdef", "it's \"quoted\"", "", "256x256",
        ], argv);
    }

    [Fact]
    public async Task The_child_sees_only_the_allowed_environment()
    {
        var id = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var allowed = $"ORCH_TEST_ALLOWED_{id}";
        var hidden = $"ORCH_TEST_HIDDEN_{id}";
        Environment.SetEnvironmentVariable(allowed, "visible value");
        Environment.SetEnvironmentVariable(hidden, "secret");
        try
        {
            var output = _folder.PathOf("env");
            var script = _folder.Write("env.sh", "#!/bin/sh\nenv > \"$1\"\necho '{\"final_loss\": 1}'\n");
            var runner = Runners.For(script, 20, output) with { AllowedEnvironment = [allowed] };

            await Runners.Run(runner);

            var seen = ReadEnvironment(output);
            Assert.Equal("visible value", seen[allowed]);
            Assert.DoesNotContain(hidden, seen.Keys);
            Assert.Equal("0123456789abcdef", seen["ORCHESTRATOR_CELL_ID"]);
            Assert.Equal("7", seen["ORCHESTRATOR_SEED"]);
            Assert.Equal(Environment.GetEnvironmentVariable("PATH"), seen["PATH"]);
            // Only what the runner passes, and what the shell itself sets.
            string[] expected = ["PATH", "HOME", "LANG", allowed, "ORCHESTRATOR_CELL_ID", "ORCHESTRATOR_SEED", "PWD", "OLDPWD", "SHLVL", "_"];
            Assert.All(seen.Keys, name => Assert.Contains(name, expected));
        }
        finally
        {
            Environment.SetEnvironmentVariable(allowed, null);
            Environment.SetEnvironmentVariable(hidden, null);
        }
    }

    [Fact]
    public async Task A_given_silo_environment_replaces_the_process_environment()
    {
        var output = _folder.PathOf("env");
        var script = _folder.Write("env.sh", "#!/bin/sh\nenv > \"$1\"\necho '{\"final_loss\": 1}'\n");
        var runner = Runners.For(script, 20, output) with { AllowedEnvironment = ["OMP_NUM_THREADS", "UNSET_ONE"] };
        var silo = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin", ["OMP_NUM_THREADS"] = "4", ["DATABASE_PASSWORD"] = "hunter2",
        };

        await new CommandCellRunner(silo).RunAsync(runner, Runners.Invocation(), null, TestContext.Current.CancellationToken);

        var seen = ReadEnvironment(output);
        Assert.Equal("4", seen["OMP_NUM_THREADS"]);
        Assert.Equal("/usr/bin:/bin", seen["PATH"]);
        Assert.DoesNotContain("DATABASE_PASSWORD", seen.Keys);
        Assert.DoesNotContain("UNSET_ONE", seen.Keys);
        Assert.DoesNotContain("HOME", seen.Keys);
    }

    [Fact]
    public async Task A_relative_executable_and_the_child_folder_are_the_working_directory()
    {
        _folder.Write("run.sh", "#!/bin/sh\npwd > cwd.txt\necho '{\"final_loss\": 1}'\n");
        var runner = Runners.For("./run.sh") with { WorkingDirectory = _folder.Path };

        await Runners.Run(runner);

        Assert.Equal(Path.GetFullPath(_folder.Path), File.ReadAllText(_folder.PathOf("cwd.txt")).Trim());
    }

    [Fact]
    public async Task The_child_reads_no_input()
    {
        // cat would wait for ever on an inherited terminal or an open pipe; it must see end of file at once.
        var script = _folder.Write("stdin.sh", "#!/bin/sh\ncat > /dev/null\necho '{\"final_loss\": 1}'\n");

        var result = await Runners.Run(Runners.For(script, 10));

        Assert.Equal(1, result.FinalLoss);
    }

    [Fact]
    public async Task A_line_that_is_not_json_fails_naming_the_line_and_stops_the_run()
    {
        var script = _folder.Write("garbage.sh", """
            #!/bin/sh
            echo '{"step": 0, "loss": 1.0}'
            echo 'about to print garbage' >&2
            echo 'hello world'
            sleep 30
            echo '{"final_loss": 0.5}'
            """);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Runners.Fails(Runners.For(script, 60), CommandFailureKind.BadOutput);

        Assert.StartsWith("runner 'test-runner' printed a line that is not a JSON object (stdout line 2): 'hello world'",
            failure.Reason);
        Assert.Contains("about to print garbage", failure.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the run went on for {clock.Elapsed}");
    }

    [Theory]
    [InlineData("[1, 2]", "is not a JSON object (stdout line 1)")]
    [InlineData("""{"step": 1, "loss": 0.5""", "is not a JSON object (stdout line 1)")]
    [InlineData("""{"step": "one", "loss": 0.5}""", "(stdout line 1: 'step' must be a non-negative integer)")]
    [InlineData("""{"step": 1.5, "loss": 0.5}""", "(stdout line 1: 'step' must be a non-negative integer)")]
    [InlineData("""{"step": -1, "loss": 0.5}""", "(stdout line 1: 'step' must be a non-negative integer)")]
    [InlineData("""{"step": 1, "loss": "low"}""", "(stdout line 1: 'loss' must be a number)")]
    [InlineData("""{"final_loss": "low"}""", "(stdout line 1: 'final_loss' must be a number)")]
    [InlineData("""{"final_loss": 1, "measurements": [1]}""", "(stdout line 1: 'measurements' must be an object")]
    [InlineData("""{"final_loss": 1, "measurements": {"rank": "high"}}""", "(stdout line 1: measurement 'rank' must be a named number)")]
    [InlineData("""{"epoch": 1}""", "(stdout line 1: expected {\"step\": …, \"loss\": …} or {\"final_loss\": …})")]
    public async Task A_line_of_the_wrong_shape_fails_saying_what_is_wrong(string line, string expected)
    {
        var failure = await Runners.Fails(Runners.For(Printing(line)), CommandFailureKind.BadOutput);

        Assert.Contains(expected, failure.Reason);
        Assert.Contains($"'{line}'", failure.Reason);
    }

    [Fact]
    public async Task A_long_bad_line_is_quoted_up_to_200_characters()
    {
        var line = new string('x', 150) + new string('y', 50) + new string('z', 300);

        var failure = await Runners.Fails(Runners.For(Printing("{\"step\": 1, \"loss\": 1}", line)), CommandFailureKind.BadOutput);

        Assert.Contains($"(stdout line 2): '{line[..200]}…'", failure.Reason);
        Assert.DoesNotContain("z", failure.Reason);
    }

    [Fact]
    public async Task Nothing_may_follow_the_final_line()
    {
        var failure = await Runners.Fails(
            Runners.For(Printing("""{"final_loss": 1}""", """{"final_loss": 2}""")), CommandFailureKind.BadOutput);

        Assert.Contains("printed a line after its final line (stdout line 2)", failure.Reason);
    }

    [Fact]
    public async Task A_non_zero_exit_fails_with_the_code_and_the_tail_of_stderr()
    {
        var script = _folder.Write("crash.sh", """
            #!/bin/sh
            echo '{"step": 0, "loss": 1.0}'
            echo 'FIRST-MARKER' >&2
            i=0
            while [ $i -lt 200 ]; do
              echo "filler line $i ........................................................" >&2
              i=$((i+1))
            done
            echo 'LAST-MARKER: ValueError: width must be positive' >&2
            echo '{"final_loss": 0.5}'
            exit 3
            """);

        var failure = await Runners.Fails(Runners.For(script), CommandFailureKind.NonZeroExit);

        Assert.Equal(3, failure.ExitCode);
        Assert.StartsWith("runner 'test-runner' exited with code 3; stderr ends with:\n…", failure.Reason);
        Assert.EndsWith("LAST-MARKER: ValueError: width must be positive", failure.Reason);
        Assert.DoesNotContain("FIRST-MARKER", failure.Reason);
        Assert.InRange(failure.StandardErrorTail.Length, 4000, CommandCellRunner.StandardErrorTailChars + 1);
    }

    [Fact]
    public async Task Exiting_without_a_final_line_fails()
    {
        var failure = await Runners.Fails(
            Runners.For(Printing("""{"step": 0, "loss": 1}""", """{"step": 5, "loss": 0.5}""")), CommandFailureKind.NoResult);

        Assert.Equal("runner 'test-runner' exited with code 0 without a final line ({\"final_loss\": …}) after 2 progress lines",
            failure.Reason);
        Assert.Equal(0, failure.ExitCode);
    }

    /// <summary>A script printing <paramref name="lines"/> verbatim (kept in a data file: no shell quoting involved).</summary>
    private string Printing(params string[] lines)
    {
        var data = _folder.PathOf($"lines-{Guid.NewGuid():N}.txt");
        File.WriteAllText(data, string.Join("\n", lines) + "\n");
        return _folder.Write($"print-{Guid.NewGuid():N}.sh", $"#!/bin/sh\ncat '{data}'\n");
    }

    private static Dictionary<string, string> ReadEnvironment(string file) =>
        File.ReadAllLines(file)
            .Where(line => line.Contains('='))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
}
