namespace Orchestrator.Specs.Tests;

/// <summary>Each way a spec can be wrong gives one message that names the field path.</summary>
public sealed class ValidationTests
{
    private static void AssertSingleError(string yaml, string expected) =>
        Assert.Equal([expected], Quickstart.Errors(yaml));

    [Theory]
    [InlineData("name: q\ngrid: [1, 2\nexperiment: x\n", "(yaml): line 2, column 9: ")]
    [InlineData("name: q\ngrid:\n  size: [1, 2\n", "(yaml): line 4, column 1: ")]
    [InlineData("name: q\n  bad indent: 1\n", "(yaml): line 2, column ")]
    [InlineData("name: 'unterminated\n", "(yaml): line ")]
    public void Malformed_yaml_reports_line_and_column(string yaml, string expectedStart) =>
        Assert.StartsWith(expectedStart, Assert.Single(Quickstart.Errors(yaml)));

    [Fact]
    public void A_document_that_is_not_a_mapping_is_refused()
    {
        AssertSingleError("- a\n- b\n",
            "(spec): must be a mapping of keys (name, experiment, grid, ...) to values, got a list");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("--- ~\n")]
    public void An_empty_spec_is_refused(string yaml) =>
        AssertSingleError(yaml, "(spec): the spec is empty");

    [Fact]
    public void Two_documents_are_refused()
    {
        var error = Assert.Single(Quickstart.Errors(Quickstart.Yaml + "\n---\nname: other\n"));

        Assert.Contains("a spec is a single YAML document", error);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var error = Assert.Single(Quickstart.Errors(Quickstart.With("  steps: 200", "  steps: 200\n  steps: 300")));

        Assert.Contains("duplicate key 'steps'", error);
    }

    [Fact]
    public void Unknown_top_level_key() => AssertSingleError(
        Quickstart.Yaml + "\nowner: me",
        "owner: unknown key; expected one of name, experiment, retries, cell_timeout, grid, settings, optimizers, fit, adaptive");

    [Fact]
    public void Unknown_setting_key() => AssertSingleError(
        Quickstart.With("  steps: 200", "  steps: 200\n  foo: 1"),
        "settings.foo: unknown key; expected one of latent_dim, steps, lr, lr_scale, data, outputs, target_decay, " +
        "momentum, beta1, beta2, epsilon, damping, gamma");

    [Fact]
    public void Unknown_grid_key() => Assert.StartsWith(
        "grid.width: unknown key; expected one of optimizer, spectrum, size, seed, latent_dim,",
        Assert.Single(Quickstart.Errors(Quickstart.With("  seed: [0, 1]", "  seed: [0, 1]\n  width: [1]"))));

    [Fact]
    public void An_unknown_key_that_is_not_a_word_is_quoted_in_the_path() => AssertSingleError(
        Quickstart.Yaml + "\n'': 1",
        "'': unknown key; expected one of name, experiment, retries, cell_timeout, grid, settings, optimizers, fit, adaptive");

    [Fact]
    public void Control_characters_in_quoted_input_stay_on_one_line() => AssertSingleError(
        Quickstart.With("steps: 200", "steps: \"2\\n0\\u0007\""),
        "settings.steps: must be an integer, got '2\\n0\\u0007'");

    [Fact]
    public void Unknown_fit_key() => AssertSingleError(
        Quickstart.With("  bootstrap: 1000", "  bootstrap: 1000\n  method: ols"),
        "fit.method: unknown key; expected one of baseline, bootstrap, exponents, robust, huber_delta");

    [Fact]
    public void Unknown_optimizer() => AssertSingleError(
        Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, sgd]"),
        "grid.optimizer[1]: unknown optimizer 'sgd'; known: gd, momentum, adam, matrix-sign, natural-gradient, ng-power");

    [Fact]
    public void Unknown_experiment() => AssertSingleError(
        Quickstart.With("experiment: random-features", "experiment: transformers"),
        "experiment: unknown experiment 'transformers'; known: random-features, ffn-spectral-rank, synthetic, command");

    [Theory]
    [InlineData("name: quickstart\n", "name: required: the sweep id (letters, digits, '-', '_')")]
    [InlineData("experiment: random-features\n", "experiment: required; known: random-features, ffn-spectral-rank, synthetic, command")]
    [InlineData("  optimizer: [gd, natural-gradient]\n", "grid.optimizer: required: a list of values")]
    [InlineData("  spectrum: [1.0, 1.5]\n", "grid.spectrum: required: a list of values")]
    [InlineData("  size: [32, 64, 128, 256, 512]\n", "grid.size: required: a list of values")]
    [InlineData("  seed: [0, 1]\n", "grid.seed: required: a list of values")]
    [InlineData("  latent_dim: 2048\n", "settings.latent_dim: required (or sweep it as the axis grid.latent_dim)")]
    [InlineData("  steps: 200\n", "settings.steps: required (or sweep it as the axis grid.steps)")]
    public void A_missing_required_field_is_named(string line, string expected) =>
        AssertSingleError(Quickstart.With(line, ""), expected);

    [Fact]
    public void A_missing_grid_is_named()
    {
        var yaml = "name: q\nexperiment: random-features\nsettings:\n  latent_dim: 64\n  steps: 10\n";

        AssertSingleError(yaml, "grid: required: a mapping with the axes optimizer, spectrum, size, seed");
    }

    [Fact]
    public void An_empty_axis_is_refused() => AssertSingleError(
        Quickstart.With("seed: [0, 1]", "seed: []"), "grid.seed: must not be empty");

    [Fact]
    public void An_axis_must_be_a_list() => AssertSingleError(
        Quickstart.With("seed: [0, 1]", "seed: 0"), "grid.seed: must be a list, e.g. [a, b], got '0'");

    [Theory]
    [InlineData("size: [32, 64, 128, 256, 512]", "size: [32, 64, 32]", "grid.size[2]: duplicate value 32 (also at grid.size[0])")]
    [InlineData("spectrum: [1.0, 1.5]", "spectrum: [1.0, 1.00]", "grid.spectrum[1]: duplicate value 1 (also at grid.spectrum[0])")]
    [InlineData("optimizer: [gd, natural-gradient]", "optimizer: [gd, gd]", "grid.optimizer[1]: duplicate value gd (also at grid.optimizer[0])")]
    [InlineData("seed: [0, 1]", "seed: [0, 1, 1]", "grid.seed[2]: duplicate value 1 (also at grid.seed[1])")]
    public void Duplicated_axis_values_are_refused(string find, string replacement, string expected) =>
        AssertSingleError(Quickstart.With(find, replacement), expected);

    [Theory]
    [InlineData("size: [32, 64, 128, 256, 512]", "size: [32, 64, -64]", "grid.size[2]: must be a positive integer, got -64")]
    [InlineData("size: [32, 64, 128, 256, 512]", "size: [0]", "grid.size[0]: must be a positive integer, got 0")]
    [InlineData("steps: 200", "steps: 0", "settings.steps: must be a positive integer, got 0")]
    [InlineData("steps: 200", "steps: -5", "settings.steps: must be a positive integer, got -5")]
    [InlineData("steps: 200", "steps: 10000001", "settings.steps: must be at most 10000000, got 10000001")]
    [InlineData("latent_dim: 2048", "latent_dim: 65537", "settings.latent_dim: must be at most 65536, got 65537")]
    [InlineData("seed: [0, 1]", "seed: [-1]", "grid.seed[0]: must be a non-negative integer, got -1")]
    [InlineData("seed: [0, 1]", "seed: [2147483648]", "grid.seed[0]: must be at most 2147483647, got 2147483648")]
    [InlineData("seed: [0, 1]", "seed: [99999999999999999999]", "grid.seed[0]: must be at most 2147483647, got 99999999999999999999")]
    public void Integers_out_of_range_are_refused(string find, string replacement, string expected) =>
        AssertSingleError(Quickstart.With(find, replacement), expected);

    [Fact]
    public void A_size_larger_than_latent_dim_names_both() => AssertSingleError(
        Quickstart.With("latent_dim: 2048", "latent_dim: 256"),
        "grid.size[4]: size 512 is larger than latent_dim 256 (settings.latent_dim); " +
        "a model cannot have more random features than input dimensions");

    [Fact]
    public void A_size_larger_than_a_latent_dim_axis_value_names_both()
    {
        var yaml = Quickstart.With("  latent_dim: 2048\n", "")
            .Replace("  seed: [0, 1]", "  seed: [0, 1]\n  latent_dim: [4096, 256]");

        AssertSingleError(yaml,
            "grid.size[4]: size 512 is larger than latent_dim 256 (grid.latent_dim[1]); " +
            "a model cannot have more random features than input dimensions");
    }

    [Theory]
    [InlineData("steps: 200", "steps: abc", "settings.steps: must be an integer, got 'abc'")]
    [InlineData("steps: 200", "steps: 2.5", "settings.steps: must be an integer, got '2.5'")]
    [InlineData("steps: 200", "steps: [1, 2]", "settings.steps: must be a single value; to sweep it, move the list to grid.steps")]
    [InlineData("steps: 200", "steps:", "settings.steps: a value is required")]
    [InlineData("spectrum: [1.0, 1.5]", "spectrum: [1.0, one]", "grid.spectrum[1]: must be a number, got 'one'")]
    [InlineData("lr: auto", "lr: fast", "settings.lr: must be a number, got 'fast' (or 'auto')")]
    [InlineData("spectrum: [1.0, 1.5]", "spectrum: [1.0, [2]]", "grid.spectrum[1]: must be a single value, got a list")]
    public void Non_numeric_numbers_are_refused(string find, string replacement, string expected) =>
        AssertSingleError(Quickstart.With(find, replacement), expected);

    [Theory]
    [InlineData(".nan")]
    [InlineData(".NaN")]
    [InlineData("NaN")]
    [InlineData(".inf")]
    [InlineData("-.inf")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void Non_finite_numbers_are_refused(string text) => AssertSingleError(
        Quickstart.With("spectrum: [1.0, 1.5]", $"spectrum: [1.0, {text}]"),
        $"grid.spectrum[1]: must be a finite number, got '{text}'");

    [Theory]
    [InlineData("lr: 0", "settings.lr: must be in (0, 1000000], got 0 (or 'auto')")]
    [InlineData("lr: -0.1", "settings.lr: must be in (0, 1000000], got -0.1 (or 'auto')")]
    [InlineData("lr: 2e6", "settings.lr: must be in (0, 1000000], got 2000000 (or 'auto')")]
    [InlineData("lr: .nan", "settings.lr: must be a finite number, got '.nan' (or 'auto')")]
    [InlineData("lr_scale: 0", "settings.lr_scale: must be in (0, 1000000], got 0")]
    [InlineData("outputs: 0", "settings.outputs: must be a positive integer, got 0")]
    [InlineData("outputs: 1025", "settings.outputs: must be at most 1024, got 1025")]
    [InlineData("target_decay: -1", "settings.target_decay: must be in [0, 10], got -1")]
    [InlineData("target_decay: 10.5", "settings.target_decay: must be in [0, 10], got 10.5")]
    [InlineData("damping: -1e-9", "settings.damping: must be in [0, 1.7976931348623157E+308], got -1E-09")]
    [InlineData("gamma: 2.5", "settings.gamma: must be in [0, 2], got 2.5")]
    [InlineData("momentum: 1", "settings.momentum: must be in [0, 1), got 1")]
    [InlineData("beta1: -0.1", "settings.beta1: must be in [0, 1), got -0.1")]
    [InlineData("beta2: 1.0", "settings.beta2: must be in [0, 1), got 1")]
    [InlineData("epsilon: 0", "settings.epsilon: must be in (0, 1.7976931348623157E+308], got 0")]
    public void Real_settings_out_of_range_are_refused(string setting, string expected) =>
        AssertSingleError(Quickstart.With("  lr: auto", "  " + setting), expected);

    [Theory]
    [InlineData("spectrum: [0]", "grid.spectrum[0]: must be in (0, 10], got 0")]
    [InlineData("spectrum: [10.01]", "grid.spectrum[0]: must be in (0, 10], got 10.01")]
    [InlineData("spectrum: [-1]", "grid.spectrum[0]: must be in (0, 10], got -1")]
    public void Spectra_out_of_range_are_refused(string replacement, string expected) =>
        AssertSingleError(Quickstart.With("spectrum: [1.0, 1.5]", replacement), expected);

    [Fact]
    public void A_grid_above_the_cell_limit_is_refused()
    {
        var seeds = string.Join(", ", Enumerable.Range(0, 10_000));

        AssertSingleError(Quickstart.With("seed: [0, 1]", $"seed: [{seeds}]"),
            "grid: expands to 2 × 2 × 5 × 10000 = 200000 cells; the limit is 100000");
    }

    [Fact]
    public void The_cell_limit_can_be_lowered()
    {
        var result = SpecParser.Parse(Quickstart.Yaml, SpecLimits.Default with { MaxCells = 39 });

        Assert.Equal(["grid: expands to 2 × 2 × 5 × 2 = 40 cells; the limit is 39"],
            result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("matrix-sign")]
    public void Auto_learning_rate_with_an_adaptive_optimizer_names_the_optimizer(string optimizer) =>
        AssertSingleError(
            Quickstart.With("optimizer: [gd, natural-gradient]", $"optimizer: [gd, {optimizer}]"),
            $"settings.lr: 'auto' is not defined for optimizer '{optimizer}' (it has no fixed preconditioner); " +
            $"give a number, e.g. under optimizers.{optimizer}.lr");

    [Fact]
    public void Default_auto_learning_rate_with_adam_says_it_is_the_default() => AssertSingleError(
        Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, adam]").Replace("  lr: auto\n", ""),
        "settings.lr: 'auto' (the default when lr is not given) is not defined for optimizer 'adam' " +
        "(it has no fixed preconditioner); give a number, e.g. under optimizers.adam.lr");

    [Fact]
    public void Auto_in_a_learning_rate_axis_with_adam_is_refused() => AssertSingleError(
        Quickstart.With("optimizer: [gd, natural-gradient]", "optimizer: [gd, adam]")
            .Replace("  lr: auto\n", "").Replace("  seed: [0, 1]", "  seed: [0, 1]\n  lr: [0.1, auto]"),
        "grid.lr[1]: 'auto' is not defined for optimizer 'adam' (it has no fixed preconditioner); " +
        "give a number, e.g. under optimizers.adam.lr");

    [Theory]
    [InlineData("finite:0", "settings.data: D in 'finite:D' must be a positive integer, got 'finite:0'")]
    [InlineData("finite:-3", "settings.data: D in 'finite:D' must be a positive integer, got 'finite:-3'")]
    [InlineData("online:0", "settings.data: B in 'online:B' must be a positive integer, got 'online:0'")]
    [InlineData("online:99999999999", "settings.data: B in 'online:B' must be at most 2147483647, got 'online:99999999999'")]
    [InlineData("finite", "settings.data: expected 'population', 'finite:D' or 'online:B' with D, B positive integers, got 'finite'")]
    [InlineData("finite:x", "settings.data: expected 'population', 'finite:D' or 'online:B' with D, B positive integers, got 'finite:x'")]
    [InlineData("batch:5", "settings.data: expected 'population', 'finite:D' or 'online:B' with D, B positive integers, got 'batch:5'")]
    [InlineData("'online:1.5'", "settings.data: expected 'population', 'finite:D' or 'online:B' with D, B positive integers, got 'online:1.5'")]
    public void Malformed_data_regimes_are_refused(string data, string expected) =>
        AssertSingleError(Quickstart.With("data: population", $"data: {data}"), expected);

    [Theory]
    [InlineData("bootstrap: 99", "fit.bootstrap: must be an integer from 100 to 100000, got 99")]
    [InlineData("bootstrap: 100001", "fit.bootstrap: must be at most 100000, got 100001")]
    [InlineData("bootstrap: many", "fit.bootstrap: must be an integer, got 'many'")]
    public void Bootstrap_out_of_range_is_refused(string replacement, string expected) =>
        AssertSingleError(Quickstart.With("bootstrap: 1000", replacement), expected);

    [Fact]
    public void A_baseline_not_in_the_grid_is_refused() => AssertSingleError(
        Quickstart.With("baseline: gd", "baseline: momentum"),
        "fit.baseline: 'momentum' is not in grid.optimizer (gd, natural-gradient)");

    [Theory]
    [InlineData("'quick start'")]
    [InlineData("'quick/start'")]
    [InlineData("'café'")]
    [InlineData("'a.b'")]
    [InlineData("''")]
    public void A_name_with_a_bad_charset_is_refused(string name)
    {
        var error = Assert.Single(Quickstart.Errors(Quickstart.With("name: quickstart", $"name: {name}")));

        Assert.StartsWith("name: must be 1 to 64 characters of letters, digits, '-' or '_', got '", error);
    }

    // A regex '$' also matches before a final newline: "q\n" must not pass as the name "q".
    [Theory]
    [InlineData("name: \"q\\n\"")]
    [InlineData("name: |\n  q")]
    public void A_name_ending_in_a_newline_is_refused(string line)
    {
        var errors = SpecParser.Parse(Quickstart.With("name: quickstart", line)).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("name", error.Path);
        Assert.StartsWith("must be 1 to 64 characters of letters, digits, '-' or '_', got 'q", error.Message);
    }

    [Fact]
    public void A_key_ending_in_a_newline_is_quoted_in_the_path() => AssertSingleError(
        Quickstart.Yaml + "\n\"owner\\n\": 1",
        "'owner\\n': unknown key; expected one of name, experiment, retries, cell_timeout, grid, settings, optimizers, fit, adaptive");

    [Fact]
    public void A_name_longer_than_64_characters_is_refused()
    {
        var name = new string('a', 65);

        AssertSingleError(Quickstart.With("name: quickstart", $"name: {name}"),
            $"name: must be 1 to 64 characters of letters, digits, '-' or '_', got '{name}'");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Sweep_2-b")]
    public void Names_of_the_allowed_charset_are_accepted(string name) =>
        Assert.Equal(name, Quickstart.Parse(Quickstart.With("name: quickstart", $"name: {name}")).Name);

    [Fact]
    public void A_name_of_exactly_64_characters_is_accepted() =>
        Quickstart.Parse(Quickstart.With("name: quickstart", $"name: {new string('z', 64)}"));

    [Theory]
    [InlineData("retries: -1", "retries: must be a non-negative integer, got -1")]
    [InlineData("retries: 101", "retries: must be at most 100, got 101")]
    public void Retries_out_of_range_are_refused(string line, string expected) =>
        AssertSingleError(Quickstart.Yaml + "\n" + line, expected);

    [Fact]
    public void Retries_default_to_three_and_can_be_set()
    {
        Assert.Equal(3, Quickstart.Parse().Retries);
        Assert.Equal(0, Quickstart.Parse(Quickstart.Yaml + "\nretries: 0").Retries);
    }

    [Fact]
    public void A_setting_both_fixed_and_an_axis_is_refused() => AssertSingleError(
        Quickstart.With("  seed: [0, 1]", "  seed: [0, 1]\n  steps: [100, 200]"),
        "settings.steps: also given as the axis grid.steps; a setting is either fixed or an axis, not both");

    [Fact]
    public void A_section_of_the_wrong_shape_is_refused() => AssertSingleError(
        Quickstart.With("fit:\n  baseline: gd\n  bootstrap: 1000", "fit: [gd]"),
        "fit: must be a mapping of keys to values, got a list");

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var yaml = Quickstart.With("size: [32, 64, 128, 256, 512]", "size: [32, -64]")
            .Replace("steps: 200", "steps: abc")
            .Replace("baseline: gd", "baseline: adam");

        Assert.Equal(
            [
                "grid.size[1]: must be a positive integer, got -64",
                "settings.steps: must be an integer, got 'abc'",
                "fit.baseline: 'adam' is not in grid.optimizer (gd, natural-gradient)",
            ],
            Quickstart.Errors(yaml));
    }

    [Fact]
    public void Quoted_input_is_quoted_back_but_bounded_in_length()
    {
        var huge = new string('x', 5000);

        var error = Assert.Single(Quickstart.Errors(Quickstart.With("steps: 200", $"steps: {huge}")));

        Assert.True(error.Length < 300, error);
    }
}
