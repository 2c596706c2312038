package io.gridwire.core.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one timer for housekeeping: sweeps, maintenance, heartbeats, retries, rule ticks.
 * The app creates one, passes it to the components and closes it once, last.
 *
 * <p>Two kinds of task:
 * <ul>
 *   <li>{@link #every}/{@link #after}: quick, non-blocking work (in-memory state) that runs on the
 *       scheduler's own 1–2 daemon threads. It must never block, or it delays every other task.</li>
 *   <li>{@link #everyBlocking}/{@link #afterBlocking}: work that may block (I/O, a database, a
 *       lock held by I/O). Only its timing is here; each run is on a fresh virtual thread, so a
 *       hung database stalls that task alone.</li>
 * </ul>
 * Periodic tasks have a fixed delay: the next run is {@code period} after the previous one ended,
 * so runs of one task never overlap. A task that throws is logged at WARN and runs again at its
 * next period. Deadline-critical timing (the Modbus poll ticker) and blocking I/O loops keep their
 * own threads; they do not belong here.
 *
 * <p>Thread-safe.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  /** How long {@link #close} waits for runs in progress. */
  public static final Duration STOP_BOUND = Duration.ofSeconds(2);

  /** A scheduled task: cancel it, or stop it and wait for a run in progress. */
  public interface Task {
    /** No further runs; a run in progress finishes. Idempotent. */
    void cancel();

    /**
     * Cancels, interrupts a blocking run in progress (never a quick one: it shares the
     * scheduler's thread) and waits at most {@code bound} for it to end.
     *
     * @return true when no run is in progress any more
     */
    boolean stop(Duration bound);
  }

  private final String name;
  private final ScheduledThreadPoolExecutor pool;
  private final Set<Job> jobs = ConcurrentHashMap.newKeySet();

  /**
   * @param name thread name prefix ({@code name-1}, {@code name-2}; a blocking run is a virtual
   *     thread named after its task)
   * @param threads 1 or 2: tasks here are quick, a second thread only absorbs one slow task
   */
  public Scheduler(String name, int threads) {
    if (threads < 1 || threads > 2) throw new IllegalArgumentException("scheduler threads must be 1 or 2: " + threads);
    this.name = Objects.requireNonNull(name, "name");
    AtomicInteger n = new AtomicInteger();
    this.pool = new ScheduledThreadPoolExecutor(threads,
        r -> Thread.ofPlatform().daemon().name(name + "-" + n.incrementAndGet()).unstarted(r));
    pool.setRemoveOnCancelPolicy(true);
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** A quick task every {@code period} (fixed delay), the first after one period. Non-blocking. */
  public Task every(String task, Duration period, Runnable body) {
    return every(task, period, period, body);
  }

  /** A quick task every {@code period} (fixed delay), the first after {@code initialDelay}. Non-blocking. */
  public Task every(String task, Duration initialDelay, Duration period, Runnable body) {
    return start(task, body, initialDelay, positive(task, period), false);
  }

  /** A task that may block, every {@code period} (fixed delay) on a virtual thread, the first after {@code initialDelay}. */
  public Task everyBlocking(String task, Duration initialDelay, Duration period, Runnable body) {
    return start(task, body, initialDelay, positive(task, period), true);
  }

  /** A quick task once, after {@code delay}. Non-blocking. */
  public Task after(String task, Duration delay, Runnable body) {
    return start(task, body, delay, null, false);
  }

  /** A task that may block, once, after {@code delay}, on a virtual thread. */
  public Task afterBlocking(String task, Duration delay, Runnable body) {
    return start(task, body, delay, null, true);
  }

  /** The scheduler's own threads (not counting blocking runs in progress). */
  public int threads() {
    return pool.getPoolSize();
  }

  /** Tasks scheduled and not yet cancelled or done. */
  public int tasks() {
    return jobs.size();
  }

  /**
   * Cancels every task, interrupts blocking runs in progress and waits at most {@link #STOP_BOUND}
   * for runs to end. Idempotent.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + STOP_BOUND.toNanos();
    List<Job> all = List.copyOf(jobs);
    all.forEach(Job::cancel);
    pool.shutdownNow();
    try {
      for (Job j : all) j.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        log.warn("scheduler {}: a task was still running {} after stop", name, STOP_BOUND);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Task start(String task, Runnable body, Duration delay, Duration period, boolean blocking) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(body, "body");
    if (delay.isNegative()) throw new IllegalArgumentException(task + ": negative delay " + delay);
    Job j = new Job(task, body, period, blocking);
    jobs.add(j);
    j.arm(delay);
    return j;
  }

  private static Duration positive(String task, Duration period) {
    if (!period.isPositive()) throw new IllegalArgumentException(task + ": period must be positive: " + period);
    return period;
  }

  /** One task: armed as a one-shot on the pool, re-armed after each run ends (fixed delay). */
  private final class Job implements Task {
    private final String task;
    private final Runnable body;
    private final Duration period;
    private final boolean blocking;
    private boolean cancelled;
    private ScheduledFuture<?> next;
    private Thread runner;

    Job(String task, Runnable body, Duration period, boolean blocking) {
      this.task = task;
      this.body = body;
      this.period = period;
      this.blocking = blocking;
    }

    synchronized void arm(Duration delay) {
      if (cancelled) return;
      try {
        next = pool.schedule(this::fire, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        cancelled = true; // the scheduler is closed
        jobs.remove(this);
      }
    }

    private void fire() {
      if (blocking) Thread.ofVirtual().name(task).start(this::runOnce);
      else runOnce();
    }

    private void runOnce() {
      synchronized (this) {
        if (cancelled) return;
        runner = Thread.currentThread();
      }
      try {
        body.run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        log.warn("scheduled task {} failed{}: {}", task, period == null ? "" : ", runs again in " + period, e.toString(), e);
      } finally {
        synchronized (this) {
          runner = null;
          notifyAll();
        }
      }
      if (period != null) arm(period);
      else done();
    }

    private synchronized void done() {
      cancelled = true;
      jobs.remove(this);
    }

    @Override
    public synchronized void cancel() {
      cancelled = true;
      if (next != null) next.cancel(false);
      jobs.remove(this);
    }

    @Override
    public synchronized boolean stop(Duration bound) {
      cancel();
      if (blocking && runner != null) runner.interrupt();
      long deadline = System.nanoTime() + bound.toNanos();
      try {
        while (runner != null && runner != Thread.currentThread()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) return false;
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return runner == null;
      }
      return true;
    }
  }
}
