namespace Orchestrator.Numerics.Tests;

/// <summary>
/// A scheduler that gives every task its own thread (up to four at once) and records how many run together, so tests
/// can watch how far a kernel loop fans out.
/// </summary>
internal sealed class CountingScheduler : TaskScheduler
{
    private int _running;
    private int _peak;
    private int _executed;

    public int Peak => Volatile.Read(ref _peak);
    public int Executed => Volatile.Read(ref _executed);
    public override int MaximumConcurrencyLevel => 4;

    protected override void QueueTask(Task task)
    {
        var thread = new Thread(() => Execute(task)) { IsBackground = true };
        thread.Start();
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [];

    private void Execute(Task task)
    {
        var running = Interlocked.Increment(ref _running);
        int peak;
        while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
        {
        }

        Interlocked.Increment(ref _executed);
        TryExecuteTask(task);
        Interlocked.Decrement(ref _running);
    }
}
