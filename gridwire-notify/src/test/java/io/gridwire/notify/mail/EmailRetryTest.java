package io.gridwire.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.retry.Backoff;
import org.junit.jupiter.api.Test;

class EmailRetryTest {
  @Test
  void defaultRetry_cappedAtPeerCap() {
    assertThat(EmailNotifier.DEFAULT_RETRY.max()).isEqualTo(Backoff.PEER_CAP);
    assertThat(EmailNotifier.DEFAULT_RETRY.cap(100)).isEqualTo(Backoff.PEER_CAP);
  }
}
