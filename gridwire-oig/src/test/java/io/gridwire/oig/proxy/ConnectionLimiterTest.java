package io.gridwire.oig.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.testkit.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
  private final ManualClock clock = ManualClock.at("2026-02-17T08:00:00Z");

  private static InetAddress ip(String a) throws Exception {
    return InetAddress.getByName(a);
  }

  @Test
  void admit_overConcurrentCap_refusedUntilOneIsReleased() throws Exception {
    ConnectionLimiter l = new ConnectionLimiter(2, 100, clock);
    assertThat(l.admit(ip("10.0.0.1"))).isNull();
    assertThat(l.admit(ip("10.0.0.2"))).isNull();
    assertThat(l.admit(ip("10.0.0.3"))).isEqualTo("connection limit 2 reached");
    assertThat(l.open()).isEqualTo(2);
    l.release();
    assertThat(l.admit(ip("10.0.0.3"))).isNull();
    assertThat(l.open()).isEqualTo(2);
    assertThat(l.refusedAtCap()).isEqualTo(1);
    assertThat(l.refusedByRate()).isZero();
  }

  @Test
  void admit_overRatePerAddress_refusedForThatAddressOnlyUntilTheMinuteSlides() throws Exception {
    ConnectionLimiter l = new ConnectionLimiter(100, 3, clock);
    for (int i = 0; i < 3; i++) {
      assertThat(l.admit(ip("10.0.0.1"))).isNull();
      l.release(); // short connections: the rate counts connects, not concurrent ones
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(l.admit(ip("10.0.0.1"))).isEqualTo("more than 3 connections per minute from 10.0.0.1");
    assertThat(l.admit(ip("10.0.0.2"))).as("another address is unaffected").isNull();
    clock.advance(Duration.ofSeconds(29)); // 59 s after the first connect: still inside the minute
    assertThat(l.admit(ip("10.0.0.1"))).isNotNull();
    clock.advance(Duration.ofSeconds(1)); // the first connect leaves the window
    assertThat(l.admit(ip("10.0.0.1"))).isNull();
    assertThat(l.admit(ip("10.0.0.1"))).as("only one slot freed").isNotNull();
    assertThat(l.refusedByRate()).isEqualTo(3);
    assertThat(l.refusedAtCap()).isZero();
  }

  @Test
  void admit_refusedByCap_doesNotUseTheAddresssRate() throws Exception {
    ConnectionLimiter l = new ConnectionLimiter(1, 2, clock);
    assertThat(l.admit(ip("10.0.0.9"))).isNull();
    for (int i = 0; i < 5; i++) assertThat(l.admit(ip("10.0.0.1"))).isEqualTo("connection limit 1 reached");
    l.release();
    assertThat(l.admit(ip("10.0.0.1"))).as("five refused attempts did not count as connects").isNull();
  }

  @Test
  void admit_manyDistinctAddresses_forgottenAfterAQuietMinute() throws Exception {
    ConnectionLimiter l = new ConnectionLimiter(100_000, 10, clock);
    for (int i = 0; i < 5_000; i++) {
      assertThat(l.admit(ip("10.1." + (i / 250) + "." + (i % 250)))).isNull();
      l.release();
    }
    assertThat(l.trackedAddresses()).isEqualTo(5_000);
    clock.advance(Duration.ofSeconds(61));
    assertThat(l.admit(ip("10.2.0.1"))).isNull();
    assertThat(l.trackedAddresses()).isEqualTo(1);
  }
}
