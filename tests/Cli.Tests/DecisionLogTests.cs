using Orchestrator.Client.Output;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>What <c>orchestrator decisions ID</c> prints of an adaptive sweep's decisions, as text and as JSON.</summary>
public sealed class DecisionLogTests
{
    [Fact]
    public void Each_decision_shows_what_it_knew_what_it_chose_and_why_then_that_all_replay()
    {
        var text = DesignLogText.Render("adapt", DesignProgresses.Log());
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Decision 1: 0 outcomes known · capacity 4 · 12.5 core-seconds committed · 2 units chosen", lines[0]);
        Assert.Matches(@"^  reason\s+optimizer\s+s\s+size\s+seed\s+why$", lines[1]);
        Assert.Matches(@"^  initial\s+gd\s+1\s+32\s+0\s+smallest size, first seed$", lines[3]);
        Assert.Matches(@"^  initial\s+gd\s+1\s+512\s+0\s+largest size, first seed$", lines[4]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  exploit\s+natural-gradient\s+1\.5\s+512\s+1\s+width 0\.041 -> 0\.033 predicted, 3\.1 core-s$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  explore\s+gd\s+1\s+128\s+1\s+size seen least"));
        Assert.Contains("Decision 3: 4 outcomes known · capacity 4 · 20.8 core-seconds committed · 0 units chosen · stopped: target met", lines);
        Assert.Equal("All 3 decisions replay to the same choices.", lines[^1]);
        Assert.DoesNotContain("DOES NOT REPLAY", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_that_does_not_replay_is_marked_and_listed_at_the_end()
    {
        var text = DesignLogText.Render("adapt", DesignProgresses.Log(secondReplays: false));

        Assert.Contains("Decision 2: 2 outcomes known · capacity 2 · 20.8 core-seconds committed · 2 units chosen · DOES NOT REPLAY", text, StringComparison.Ordinal);
        Assert.EndsWith("1 of 3 decisions do not replay to the same choices: 2.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_of_a_thing_is_singular_and_small_spends_keep_their_digits()
    {
        var decision = new Grains.DesignLogEntry(4, KnownOutcomes: 1, Capacity: 1,
            [new Grains.DesignLogChoice("gd", 1.0, 64, 2, "Order", "next in order")], Stop: null, Replayed: true, CommittedSeconds: 0.054);

        var first = DesignLogText.Render("adapt", [decision]).Split('\n')[0];

        Assert.Equal("Decision 4: 1 outcome known · capacity 1 · 0.05 core-seconds committed · 1 unit chosen", first);
    }

    [Fact]
    public void A_sweep_with_no_decision_yet_says_so()
    {
        Assert.Equal("adapt: no decisions yet.\n", DesignLogText.Render("adapt", []));
    }

    [Fact]
    public void The_json_form_has_every_decision_its_choices_and_the_replay_verdict()
    {
        var json = DesignJson.Of("adapt", DesignProgresses.Log(secondReplays: false));

        Assert.Equal("adapt", (string)json["sweep"]!);
        Assert.False((bool)json["replayed"]!);
        var decisions = json["decisions"]!.AsArray().Select(d => d!.AsObject()).ToList();
        Assert.Equal([1, 2, 3], decisions.Select(d => (int)d["number"]!));
        Assert.Equal([true, false, true], decisions.Select(d => (bool)d["replayed"]!));
        Assert.Equal("target-met", (string)decisions[2]["stop"]!);
        Assert.Null(decisions[0]["stop"]);
        Assert.Equal(20.75, (double)decisions[1]["committed_seconds"]!);
        var choice = decisions[1]["choices"]!.AsArray()[0]!.AsObject();
        Assert.Equal(["optimizer", "spectrum", "size", "seed", "reason", "explanation"], choice.Select(p => p.Key));
        Assert.Equal(("natural-gradient", 1.5, 512, 1, "exploit"),
            ((string)choice["optimizer"]!, (double)choice["spectrum"]!, (int)choice["size"]!, (int)choice["seed"]!, (string)choice["reason"]!));
        // Explanations are for reading: written as they are, not escaped.
        Assert.Contains("\"explanation\": \"width 0.041 -> 0.033 predicted, 3.1 core-s\"", json.ToJsonString(DesignJson.Readable), StringComparison.Ordinal);
        Assert.True((bool)DesignJson.Of("adapt", DesignProgresses.Log())["replayed"]!);
    }
}
