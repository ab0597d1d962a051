using Orchestrator.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Grains.Hosting;
using Orchestrator.Grains.Placement;
using Orchestrator.Grains.Telemetry;
using Orchestrator.Specs;

namespace Orchestrator.Grains.Runs;

/// <summary>
/// One cell. Its result is write-once: after a final outcome is stored, every later request gets the stored report
/// and no kernel runs. Kernels run off the Orleans scheduler within the silo's slots; failures are retried up to the
/// sweep's limit; a run cut short by its silo stopping is recorded as abandoned, and one stopped because no sweep
/// waits for it any more (<c>cancel --now</c>) as cancelled: neither is a failure, and both run again on the next
/// request, except that a cell abandoned <see cref="MaxAbandonedAttempts"/> times ends failed. Should a second
/// activation of the cell store a final result first, this one's writes keep it (<see cref="CellRecord.Resolve"/>) and
/// take it as their own. A final outcome is reported only once it is stored: one whose write gave up (a database outage
/// longer than the retries) is stored by the next request, which a waiting sweep makes when it asks again.
/// </summary>
[FreeSlotsPlacement]
public sealed partial class RunGrain(
    [PersistentState("cell", StorageNames.Default)] IPersistentState<CellRecord> record,
    CellExecutor executor,
    OrchestratorMetrics metrics,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    ILogger<RunGrain> logger) : Grain, IRunGrain
{
    private static readonly TimeSpan RetryBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits before a failed report is sent again: soon, well before the sweep's reconciliation asks.</summary>
    private static readonly TimeSpan[] ReportRetryDelays =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>
    /// Abandoned attempts after which a cell ends failed instead of running again. A cell that kills its silo (an
    /// out-of-memory kill, a native crash) is only ever seen as abandoned, and without a bound it would crash silo
    /// after silo. A graceful silo shutdown abandons its attempts too, so the bound is not 1: three leaves room for
    /// a rolling restart or two while a crash loop still ends after three silos.
    /// </summary>
    public const int MaxAbandonedAttempts = 3;

    /// <summary>
    /// An attempt is stored as running only once its kernel has run this long. Short cells then cost one write
    /// instead of two; what a crash can lose is the record of an attempt younger than this, never a result.
    /// </summary>
    private static readonly TimeSpan RecordRunningAfter = TimeSpan.FromSeconds(1);

    // Sweeps waiting for this cell's report; transient, since every waiting sweep asks again after a restart.
    private readonly HashSet<string> _waitingSweeps = [];
    private Task? _running;
    private CellDefinition? _cell;
    // Cancels the running attempt's kernel when the silo stops or when no sweep waits for the cell any more.
    private CancellationTokenSource? _cancellation;
    // The record in memory holds a final outcome that is not stored: its write is under way, or it gave up. Such an
    // outcome is reported to no one until it is stored.
    private bool _finalUnstored;

    public Task<CellReport?> RunAsync(CellAssignment assignment)
    {
        var key = this.GetPrimaryKeyString();
        if (!string.Equals(assignment.CellId, key, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Assignment for cell {assignment.CellId} sent to cell {key}: refused.", nameof(assignment));
        }

        if (record.State.IsFinal && !_finalUnstored)
        {
            return Task.FromResult<CellReport?>(Report());
        }

        if (record.State.IsFinal && _running is null)
        {
            // Its write gave up: the outcome is stored now, or the call fails and the sweep asks again later.
            return StoreFinalAndReportAsync();
        }

        _waitingSweeps.Add(assignment.SweepId);
        if (_running is not null)
        {
            return Task.FromResult<CellReport?>(null);
        }

        // The key is the hash of the definition: a definition of any other cell is never stored under this key.
        var cell = Verify(assignment.Definition, key);
        _cell = cell;
        record.State.CellId = assignment.CellId;
        record.State.Definition = assignment.Definition;
        AbandonInterruptedAttempts();
        if (record.State.Attempts.Count(a => a.Outcome == AttemptOutcome.Abandoned) >= MaxAbandonedAttempts)
        {
            return FailAbandonedAsync();
        }

        return StartAsync(cell, assignment);
    }

    private async Task<CellReport?> StartAsync(CellDefinition cell, CellAssignment assignment)
    {
        if (await FitsOnlyElsewhereAsync(cell))
        {
            // No attempt here. Migration (rather than deactivation) moves the cell's address too, so the sweep's next
            // ask reaches the silo that placement chose with this call's request context, which carries the cell's bytes.
            LogMovedForMemory(assignment.CellId, silo.Name);
            _waitingSweeps.Clear();
            MigrateOnIdle();
            return null;
        }

        var timeout = assignment.CellTimeout is { } t && t > TimeSpan.Zero ? t : SweepSpec.DefaultCellTimeout;
        _running ??= RunAttemptsAsync(Math.Max(1, assignment.MaxAttempts), timeout);
        return null;
    }

    /// <summary>
    /// True when the cell exceeds this silo's whole memory budget while another live silo's budget holds it (an
    /// activation placed before the cluster's view had this silo's budget, or before a larger silo joined).
    /// </summary>
    private async Task<bool> FitsOnlyElsewhereAsync(CellDefinition cell)
    {
        var required = CellMemory.EstimateBytes(cell) ?? 0;
        if (executor.Slots.Memory is not { } budget || required <= budget.Capacity)
        {
            return false;
        }

        var here = silo.SiloAddress.ToParsableString();
        var silos = await GrainFactory.GetGrain<ISlotRegistryGrain>(0).GetSilosAsync();
        return silos.Any(s => s.Address != here && s.Holds(required));
    }

    /// <summary>Ends the cell failed, without another attempt, after <see cref="MaxAbandonedAttempts"/>.</summary>
    private async Task<CellReport?> FailAbandonedAsync()
    {
        record.State.Status = CellStatus.Failed;
        record.State.LastError =
            $"abandoned {MaxAbandonedAttempts} times: its silo stopped each time it ran (a crash or an out-of-memory kill?)";
        await StoreAsync();
        LogAbandonedTooOften(record.State.CellId, MaxAbandonedAttempts);
        metrics.CellFailed(FailureReasons.Other);
        _waitingSweeps.Clear();
        return Report();
    }

    private async Task<CellReport?> StoreFinalAndReportAsync()
    {
        await StoreAsync();
        _waitingSweeps.Clear();
        return Report();
    }

    /// <summary>Stores the record; a final outcome counts as stored (and is reported) only once the write succeeds.</summary>
    private async Task StoreAsync()
    {
        _finalUnstored = record.State.IsFinal;
        await record.WriteWithRetryAsync();
        _finalUnstored = false;
    }

    public async Task<CellFollowUp> FollowAsync(string sweepId)
    {
        if (record.State.IsFinal && (!_finalUnstored || _running is null))
        {
            return new CellFollowUp(_finalUnstored ? await StoreFinalAndReportAsync() : Report(), Running: false);
        }

        if (_running is null)
        {
            if (AbandonInterruptedAttempts())
            {
                await StoreAsync();
            }

            return new CellFollowUp(null, Running: false);
        }

        _waitingSweeps.Add(sweepId);
        return new CellFollowUp(null, Running: true);
    }

    /// <summary>
    /// Marks the attempts still recorded as running as abandoned: with no kernel of this activation running, their
    /// silo stopped before it could end them. Returns whether there were any.
    /// </summary>
    private bool AbandonInterruptedAttempts()
    {
        var interrupted = record.State.Attempts.Where(a => a.Outcome == AttemptOutcome.Running).ToList();
        foreach (var attempt in interrupted)
        {
            attempt.Outcome = AttemptOutcome.Abandoned;
            attempt.EndedAt ??= DateTimeOffset.UtcNow;
        }

        return interrupted.Count > 0;
    }

    public Task<CellRecord> GetRecordAsync() => Task.FromResult(record.State);

    public Task CancelAsync(string sweepId)
    {
        _waitingSweeps.Remove(sweepId);
        if (_waitingSweeps.Count == 0)
        {
            _cancellation?.Cancel();
        }

        return Task.CompletedTask;
    }

    private async Task RunAttemptsAsync(int maxAttempts, TimeSpan timeout)
    {
        // Keep the activation while its kernel runs: a background task alone does not count as activity.
        DelayDeactivation(TimeSpan.FromDays(7));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _cancellation = cancellation;
        try
        {
            while (!record.State.IsFinal && !cancellation.IsCancellationRequested)
            {
                if (!await RunOneAttemptAsync(maxAttempts, timeout, cancellation.Token))
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            LogAttemptLoopFailed(ex, record.State.CellId);
        }
        finally
        {
            _running = null;
            _cancellation = null;
            if (record.State.IsFinal && !_finalUnstored)
            {
                NotifyWaitingSweeps();
                DeactivateOnIdle();
            }
            else
            {
                DelayDeactivation(TimeSpan.Zero);
            }
        }
    }

    /// <summary>
    /// Runs one attempt; returns false when the loop should stop without a final outcome: the silo is stopping
    /// (<c>abandoned</c>) or no sweep waits for the cell any more (<c>cancelled</c>).
    /// </summary>
    private async Task<bool> RunOneAttemptAsync(int maxAttempts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var attempt = new CellAttempt { Silo = silo.Name, StartedAt = DateTimeOffset.UtcNow };
        record.State.Attempts.Add(attempt);
        record.State.Status = CellStatus.Running;

        try
        {
            var kernel = executor.ExecuteAsync(Cell(), timeout, cancellationToken);
            if (await Task.WhenAny(kernel, Task.Delay(RecordRunningAfter, CancellationToken.None)) != kernel)
            {
                await StoreAsync();
                if (record.State.IsFinal)
                {
                    // Another activation of this cell stored its result meanwhile, and that is now this one's record:
                    // this attempt's kernel is stopped, and its result would never be stored.
                    _cancellation?.Cancel();
                    await kernel.ContinueWith(static _ => { }, TaskScheduler.Current);
                    return true;
                }
            }

            var result = await kernel;
            attempt.Outcome = result.Diverged ? AttemptOutcome.Diverged : AttemptOutcome.Succeeded;
            attempt.EndedAt = DateTimeOffset.UtcNow;
            record.State.Result = result;
            record.State.Status = result.Diverged ? CellStatus.Diverged : CellStatus.Succeeded;
            metrics.CellCompleted(Optimizer(), silo.Name, attempt.Outcome, result.Seconds, result.FloatingPointOperations);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            attempt.Outcome = lifetime.ApplicationStopping.IsCancellationRequested ? AttemptOutcome.Abandoned : AttemptOutcome.Cancelled;
            attempt.EndedAt = DateTimeOffset.UtcNow;
            record.State.Status = CellStatus.Pending;
            await StoreAsync();
            return false;
        }
        catch (Exception ex)
        {
            attempt.Outcome = AttemptOutcome.Failed;
            attempt.EndedAt = DateTimeOffset.UtcNow;
            attempt.Error = ex is CellTimedOutException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            record.State.LastError = attempt.Error;
            var failures = record.State.Attempts.Count(a => a.Outcome == AttemptOutcome.Failed);
            // A cell larger than the silo's whole memory budget fails the same way on every attempt: not retried.
            var final = failures >= maxAttempts || ex is CellMemoryExceededException;
            record.State.Status = final ? CellStatus.Failed : CellStatus.Pending;
            LogAttemptFailed(ex, record.State.CellId, failures, maxAttempts);
            var reason = OrchestratorMetrics.ReasonClass(ex);
            if (record.State.Status == CellStatus.Failed)
            {
                metrics.CellFailed(reason);
                metrics.CellCompleted(Optimizer(), silo.Name, AttemptOutcome.Failed, (attempt.EndedAt - attempt.StartedAt).Value.TotalSeconds, 0);
            }
            else
            {
                metrics.CellRetried(reason);
            }
        }

        await StoreAsync();
        if (!record.State.IsFinal)
        {
            await Task.Delay(RetryBackoff);
        }

        return true;
    }

    private static CellDefinition Verify(string definition, string key)
    {
        CellDefinition cell;
        try
        {
            cell = CellDefinition.FromJson(definition);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"Assignment for cell {key} carries no valid cell definition: {ex.Message}", nameof(definition));
        }

        if (!string.Equals(cell.Id, key, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Assignment for cell {key} carries the definition of cell {cell.Id}: refused.", nameof(definition));
        }

        return cell;
    }

    /// <summary>The cell, parsed once per activation (parsing validates and hashes the definition).</summary>
    private CellDefinition Cell() => _cell ??= CellDefinition.FromJson(record.State.Definition);

    private string Optimizer() => Cell().Optimizer;

    private CellReport Report() => new(
        record.State.CellId,
        record.State.Status,
        record.State.Result,
        record.State.Status == CellStatus.Failed ? record.State.LastError : null,
        record.State.Attempts.Count,
        record.State.Attempts.LastOrDefault(a => a.Outcome.IsFinal())?.Silo,
        record.State.Attempts.Select(a => a.Outcome).ToList());

    private void NotifyWaitingSweeps()
    {
        var report = Report();
        foreach (var sweep in _waitingSweeps)
        {
            // Not awaited: a sweep may be calling this grain right now. Sent off the grain's scheduler, since the
            // grain deactivates meanwhile.
            var target = GrainFactory.GetGrain<ISweepGrain>(sweep);
            _ = Task.Run(() => DeliverAsync(target, sweep, report));
        }

        _waitingSweeps.Clear();
    }

    /// <summary>
    /// Sends <paramref name="report"/> to a waiting sweep; a call that fails is logged and made again after
    /// <see cref="ReportRetryDelays"/> (a sweep counts a report once, so a report that did arrive is ignored the second
    /// time). After the last, the sweep's next request collects the stored report.
    /// </summary>
    private async Task DeliverAsync(ISweepGrain sweep, string sweepId, CellReport report)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                await sweep.ReportAsync(report);
                return;
            }
            catch (Exception ex) when (retry < ReportRetryDelays.Length)
            {
                LogReportFailed(ex, report.CellId, sweepId, ReportRetryDelays[retry].TotalSeconds);
                await Task.Delay(ReportRetryDelays[retry]);
            }
            catch (Exception ex)
            {
                LogReportGivenUp(ex, report.CellId, sweepId, ReportRetryDelays.Length + 1);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cell {CellId} does not fit silo {Silo}'s memory budget but fits another silo's: moved")]
    private partial void LogMovedForMemory(string cellId, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cell {CellId}: attempt failed ({Failures} of {MaxAttempts} allowed)")]
    private partial void LogAttemptFailed(Exception exception, string cellId, int failures, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cell {CellId}: abandoned {Abandoned} times, its silo stopped each time it ran; not run again")]
    private partial void LogAbandonedTooOften(string cellId, int abandoned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cell {CellId}: its report to sweep {Sweep} failed; sent again in {Seconds} s")]
    private partial void LogReportFailed(Exception exception, string cellId, string sweep, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cell {CellId}: its report to sweep {Sweep} failed {Tries} times; the sweep collects it when it next asks")]
    private partial void LogReportGivenUp(Exception exception, string cellId, string sweep, int tries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cell {CellId}: could not run or store its attempts")]
    private partial void LogAttemptLoopFailed(Exception exception, string cellId);
}
