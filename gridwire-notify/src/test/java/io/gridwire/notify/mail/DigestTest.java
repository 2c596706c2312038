package io.gridwire.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.notify.AlarmEvents;
import io.gridwire.notify.AlarmNotice;
import io.gridwire.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import io.gridwire.notify.MemoryDeliveryQueue;
import org.junit.jupiter.api.Test;

class DigestTest {
  private final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");

  private AlarmNotice notice(int i) {
    return AlarmNotice.from(AlarmEvents.raised(clock.instant(), "gen-" + i, "low_oil", "critical", "north", null))
        .orElseThrow();
  }

  @Test
  void digest_stormWithinWindow_comesOutAsOneDigest() {
    Digest d = new Digest(Duration.ofSeconds(30), new MemoryDeliveryQueue(10_000), 10_000, clock.instant());
    assertThat(d.add(notice(0), clock.instant())).isTrue();
    for (int i = 1; i < 200; i++) {
      clock.advance(Duration.ofMillis(100));
      assertThat(d.add(notice(i), clock.instant())).isFalse();
    }
    assertThat(d.takeDue(clock.instant())).isEmpty(); // 19.9 s in: still collecting
    clock.set(d.dueAt());
    List<AlarmNotice> due = d.takeDue(clock.instant());
    assertThat(due).hasSize(200);
    assertThat(due.get(0).deviceId()).isEqualTo("gen-0");
    assertThat(d.dueAt()).isNull();
    assertThat(d.add(notice(200), clock.instant())).isTrue(); // the next alarm opens a new window
  }

  @Test
  void putBack_failedDigest_goesOutBeforeNewerNotices() {
    Digest d = new Digest(Duration.ofSeconds(30), new MemoryDeliveryQueue(10_000), 10_000, clock.instant());
    d.add(notice(1), clock.instant());
    clock.advance(Duration.ofSeconds(30));
    assertThat(d.takeDue(clock.instant())).hasSize(1);
    d.add(notice(2), clock.instant());
    d.putBack(clock.instant()); // the mail failed
    clock.advance(Duration.ofSeconds(30));
    assertThat(d.takeDue(clock.instant())).extracting(AlarmNotice::deviceId).containsExactly("gen-1", "gen-2");
    d.sent(clock.instant());
    assertThat(d.waiting()).isZero();
    assertThat(d.dueAt()).isNull();
  }

  @Test
  void restart_noticesLeftInTheQueue_openAWindowAndComeOutWhole() {
    MemoryDeliveryQueue durable = new MemoryDeliveryQueue(10_000);
    Digest before = new Digest(Duration.ofSeconds(30), durable, 10_000, clock.instant());
    AlarmNotice first = notice(1);
    before.add(first, clock.instant());
    before.add(notice(2), clock.instant());
    before.takeAll(); // stopping: the last mail failed, nothing was confirmed sent
    before.putBack(clock.instant());

    clock.advance(Duration.ofMinutes(5));
    Digest after = new Digest(Duration.ofSeconds(30), durable, 10_000, clock.instant());
    assertThat(after.dueAt()).isEqualTo(clock.instant().plusSeconds(30));
    clock.advance(Duration.ofSeconds(30));
    List<AlarmNotice> due = after.takeDue(clock.instant());
    assertThat(due).extracting(AlarmNotice::deviceId).containsExactly("gen-1", "gen-2");
    assertThat(due.get(0)).isEqualTo(first); // every field survives the queue
  }

  @Test
  void add_beyondTheQueueBound_dropsOldestCounted() {
    Digest d = new Digest(Duration.ofSeconds(30), new MemoryDeliveryQueue(3), 10_000, clock.instant());
    for (int i = 0; i < 5; i++) d.add(notice(i), clock.instant());
    clock.advance(Duration.ofSeconds(30));
    assertThat(d.takeDue(clock.instant())).extracting(AlarmNotice::deviceId).containsExactly("gen-2", "gen-3", "gen-4");
    assertThat(d.dropped()).isEqualTo(2);
  }

  @Test
  void digestMail_manyAlarms_summarisesAndCapsTheList() {
    List<AlarmNotice> l = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) l.add(notice(i));
    l.add(AlarmNotice.from(AlarmEvents.cleared(clock.instant(), "gen-0", "low_oil", "critical", "north")).orElseThrow());
    assertThat(DigestMail.subject(l)).isEqualTo("[Gridwire] 5 alarms raised, 1 cleared (5 critical)");
    String body = DigestMail.body(l, 4, 0);
    assertThat(body).contains("RAISED   critical  gen-0 (north)  Alarm low_oil").contains("... and 2 more");
    assertThat(DigestMail.subject(l.subList(0, 1))).isEqualTo("[Gridwire] critical alarm raised: Alarm low_oil on gen-0");
  }
}
