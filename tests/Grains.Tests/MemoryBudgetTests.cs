using Orchestrator.Grains.Runs;
using Orchestrator.Grains.Tests.Infrastructure;
using Orchestrator.Specs.Experiments;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A silo's memory budget: reservations that fit are granted, others wait in arrival order until memory frees, and
/// one larger than the whole budget fails at once. Kernel slots start a kernel only with both a slot and its memory.
/// </summary>
public sealed class MemoryBudgetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reservation_that_fits_is_granted_and_given_back()
    {
        var budget = new MemoryBudget(100);

        var lease = await budget.ReserveAsync(60, Token);
        Assert.Equal(60, budget.Reserved);

        lease.Dispose();
        lease.Dispose();
        Assert.Equal(0, budget.Reserved);
    }

    [Fact]
    public async Task A_reservation_that_does_not_fit_waits_until_memory_frees()
    {
        var budget = new MemoryBudget(100);
        var first = await budget.ReserveAsync(60, Token);

        var second = budget.ReserveAsync(60, Token);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, budget.Waiting);

        first.Dispose();
        using var granted = await second;
        Assert.Equal(60, budget.Reserved);
        Assert.Equal(0, budget.Waiting);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order_so_a_large_one_is_not_overtaken()
    {
        var budget = new MemoryBudget(100);
        var running = await budget.ReserveAsync(50, Token);

        var large = budget.ReserveAsync(90, Token);
        var small = budget.ReserveAsync(20, Token);

        // 20 bytes would fit now, but the 90-byte reservation came first.
        Assert.False(small.IsCompleted);
        running.Dispose();
        var largeLease = await large;
        Assert.False(small.IsCompleted);
        largeLease.Dispose();
        using var smallLease = await small;
        Assert.Equal(20, budget.Reserved);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_lets_the_next_one_in()
    {
        var budget = new MemoryBudget(100);
        using var running = await budget.ReserveAsync(50, Token);
        using var cancel = new CancellationTokenSource();

        var blocked = budget.ReserveAsync(90, cancel.Token);
        var next = budget.ReserveAsync(40, Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        using var nextLease = await next;
        Assert.Equal(90, budget.Reserved);
    }

    [Fact]
    public async Task A_reservation_larger_than_the_whole_budget_fails_at_once()
    {
        var budget = new MemoryBudget(100);

        var error = await Assert.ThrowsAsync<CellMemoryExceededException>(() => budget.ReserveAsync(101, Token));

        Assert.Equal(101, error.RequiredBytes);
        Assert.Contains("more than this silo's whole memory budget", error.Message);
        Assert.Equal(0, budget.Waiting);
    }

    [Fact]
    public void The_default_budget_is_a_share_of_the_available_memory()
    {
        var budget = MemoryBudget.FromAvailableMemory();

        Assert.InRange(budget.Capacity, 1, (long)(MemoryBudget.DefaultFraction * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) + 1);
    }

    [Fact]
    public async Task Kernels_whose_memory_does_not_fit_together_run_one_after_the_other_despite_free_slots()
    {
        using var slots = new KernelSlots(4, new MemoryBudget(100));
        using var release = new SemaphoreSlim(0);
        var running = 0;
        var most = 0;
        int Work(CancellationToken ct)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            release.Wait(ct);
            Interlocked.Decrement(ref running);
            return now;
        }

        var kernels = Enumerable.Range(0, 3).Select(_ => slots.RunAsync(Work, 60, Token)).ToList();
        while (slots.Running == 0)
        {
            await Task.Delay(10, Token);
        }

        for (var i = 0; i < kernels.Count; i++)
        {
            release.Release();
            await Task.WhenAny(kernels);
        }

        await Task.WhenAll(kernels);
        Assert.Equal(1, most);
        Assert.Equal(0, slots.Memory!.Reserved);
        Assert.Equal(4, slots.Free);
    }

    [Fact]
    public async Task A_kernel_larger_than_the_budget_fails_without_taking_a_slot()
    {
        using var slots = new KernelSlots(1, new MemoryBudget(100));

        await Assert.ThrowsAsync<CellMemoryExceededException>(() => slots.RunAsync(_ => 1, 1000, Token));

        Assert.Equal(0, slots.Load);
        Assert.Equal(1, await slots.RunAsync(_ => 1, 100, Token));
    }

    [Fact]
    public async Task The_executor_reserves_the_cell_estimate_and_refuses_a_cell_over_the_budget()
    {
        var cell = TestSpecs.Tiny().ExpandCells().Last();
        var estimate = CellMemory.EstimateBytes(cell)!.Value;
        using var tooSmall = new KernelSlots(1, new MemoryBudget(estimate - 1));
        using var enough = new KernelSlots(1, new MemoryBudget(estimate));
        var host = new ExperimentHost { ProblemCacheCapacity = 1 };

        await Assert.ThrowsAsync<CellMemoryExceededException>(
            () => new CellExecutor(tooSmall, host).ExecuteAsync(cell, Token));
        var result = await new CellExecutor(enough, host).ExecuteAsync(cell, Token);

        Assert.True(double.IsFinite(result.FinalLoss));
        Assert.InRange(result.PeakBytes, 1, estimate);
        Assert.Equal(0, enough.Memory!.Reserved);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }
}
