package io.gridwire.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final Duration TICK = Duration.ofMillis(5);

  @Test
  void every_taskThrows_laterRunsStillHappen() throws Exception {
    try (Scheduler s = new Scheduler("test-sched", 1)) {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch third = new CountDownLatch(3);
      s.every("thrower", TICK, () -> {
        runs.incrementAndGet();
        third.countDown();
        throw new IllegalStateException("boom");
      });
      assertTrue(third.await(5, TimeUnit.SECONDS), "runs after the first exception: " + runs.get());
    }
  }

  @Test
  void every_errorThrown_otherTasksKeepRunning() throws Exception {
    try (Scheduler s = new Scheduler("test-sched", 1)) {
      s.every("asserting", TICK, () -> {
        throw new AssertionError("not a VirtualMachineError: survives");
      });
      CountDownLatch other = new CountDownLatch(3);
      s.every("other", TICK, other::countDown);
      assertTrue(other.await(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void everyBlocking_hungTask_doesNotStallQuickTasks() throws Exception {
    try (Scheduler s = new Scheduler("test-sched", 1)) {
      CountDownLatch hung = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      s.everyBlocking("hangs", Duration.ZERO, TICK, () -> {
        hung.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertTrue(hung.await(5, TimeUnit.SECONDS));
      CountDownLatch quick = new CountDownLatch(5);
      s.every("quick", TICK, quick::countDown);
      assertTrue(quick.await(5, TimeUnit.SECONDS), "quick task stalled behind the blocking one");
      release.countDown();
    }
  }

  @Test
  void everyBlocking_slowRun_runsNeverOverlap() throws Exception {
    try (Scheduler s = new Scheduler("test-sched", 2)) {
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger maxInside = new AtomicInteger();
      CountDownLatch runs = new CountDownLatch(4);
      s.everyBlocking("slow", Duration.ZERO, Duration.ofMillis(1), () -> {
        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inside.decrementAndGet();
        runs.countDown();
      });
      assertTrue(runs.await(5, TimeUnit.SECONDS));
      assertEquals(1, maxInside.get());
    }
  }

  @Test
  void after_runsOnceThenForgetsTheTask() throws Exception {
    try (Scheduler s = new Scheduler("test-sched", 1)) {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch ran = new CountDownLatch(1);
      s.after("once", TICK, () -> {
        runs.incrementAndGet();
        ran.countDown();
      });
      assertTrue(ran.await(5, TimeUnit.SECONDS));
      Thread.sleep(50);
      assertEquals(1, runs.get());
      assertEquals(0, s.tasks());
    }
  }

  @Test
  void cancel_stopsFurtherRuns() throws Exception {
    try (Scheduler s = new Scheduler("test-sched", 1)) {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch two = new CountDownLatch(2);
      Scheduler.Task t = s.every("counted", TICK, () -> {
        runs.incrementAndGet();
        two.countDown();
      });
      assertTrue(two.await(5, TimeUnit.SECONDS));
      assertTrue(t.stop(Duration.ofSeconds(1)));
      int after = runs.get();
      Thread.sleep(50);
      assertEquals(after, runs.get());
    }
  }

  @Test
  void close_blockingRunInProgress_endsWithinTheBound() throws Exception {
    Scheduler s = new Scheduler("test-sched", 1);
    CountDownLatch started = new CountDownLatch(1);
    s.everyBlocking("sleeper", Duration.ZERO, Duration.ofSeconds(1), () -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    s.every("quick", Duration.ofHours(1), () -> { });
    assertTrue(started.await(5, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    s.close();
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < Scheduler.STOP_BOUND.toMillis() + 500, "close took " + ms + " ms");
    assertEquals(0, s.tasks());
    assertEquals(0, s.threads());
  }

  @Test
  void close_thenSchedule_taskNeverRuns() throws Exception {
    Scheduler s = new Scheduler("test-sched", 1);
    s.close();
    AtomicInteger runs = new AtomicInteger();
    s.after("late", Duration.ZERO, runs::incrementAndGet);
    Thread.sleep(30);
    assertEquals(0, runs.get());
    assertEquals(0, s.tasks());
  }

  @Test
  void threads_areNamedDaemonsAndAtMostTwo() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> new Scheduler("x", 3));
    try (Scheduler s = new Scheduler("named-sched", 2)) {
      CountDownLatch seen = new CountDownLatch(1);
      Thread[] thread = new Thread[1];
      s.after("look", Duration.ZERO, () -> {
        thread[0] = Thread.currentThread();
        seen.countDown();
      });
      assertTrue(seen.await(5, TimeUnit.SECONDS));
      assertTrue(thread[0].isDaemon());
      assertTrue(thread[0].getName().startsWith("named-sched-"), thread[0].getName());
      assertFalse(thread[0].isVirtual());
    }
  }
}
