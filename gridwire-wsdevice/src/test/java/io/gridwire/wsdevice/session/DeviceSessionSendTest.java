package io.gridwire.wsdevice.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/** A device that never reads its connection: the frames waiting for it stay bounded. */
class DeviceSessionSendTest {
  /** Callbacks of frames handed to the socket, completed only when the test says so. */
  private final ConcurrentLinkedQueue<Callback> written = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger refusedOnNode = new java.util.concurrent.atomic.AtomicInteger();

  private final Session socket = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
      (proxy, method, args) -> switch (method.getName()) {
        case "isOpen" -> true;
        case "sendText", "sendBinary" -> {
          written.add((Callback) args[1]);
          yield null;
        }
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> null;
      });

  private final DeviceSession session = new DeviceSession("dev-1", "owner", "password", "127.0.0.1", Instant.EPOCH, socket,
      60_000, new TokenBucket(Clock.systemUTC(), 20, 100), refusedOnNode::incrementAndGet);

  @Test
  void deviceNotReading_sendsPastTheBoundFailAtOnce_andResumeOnceFramesLeave() throws Exception {
    for (int i = 0; i < DeviceSession.MAX_WAITING_SENDS; i++) assertThat(session.sendText("notice " + i)).isNotDone();
    assertThat(written).as("one frame in flight, the others wait behind it").hasSize(1);

    CompletableFuture<Void> refused = session.sendText("one too many");
    assertThat(refused).isCompletedExceptionally();
    assertThat(session.sendsRefused()).isEqualTo(1);

    written.poll().succeed(); // the device read one frame: the next goes out, one place is free
    assertThat(written).hasSize(1);
    CompletableFuture<Void> later = session.sendText("after a frame left");
    assertThat(later).isNotDone();
    assertThat(session.sendText("again too many")).isCompletedExceptionally();
    assertThat(session.sendsRefused()).isEqualTo(2);
    assertThat(refusedOnNode).hasValue(2);

    for (int i = 0; i < DeviceSession.MAX_WAITING_SENDS; i++) written.poll().succeed();
    later.get();
    assertThat(written).isEmpty();
    try {
      refused.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).hasMessageContaining("does not read its connection");
    }
  }

  /** A command whose turn comes after its sender gave up is never written: "failed" stays true. */
  @Test
  void commandBehindAStalledFrame_pastItsTime_neverWritten() throws Exception {
    CompletableFuture<Void> notice = session.sendText("notice the device does not read");
    CompletableFuture<Void> command = session.sendText("{\"command_id\":\"c1\"}", java.time.Duration.ofMillis(50));
    Thread.sleep(150);
    written.poll().succeed(); // the device finally reads the notice, after the command's time
    notice.get();
    assertThat(command).isCompletedExceptionally();
    assertThat(written).as("the command was not handed to the socket").isEmpty();

    CompletableFuture<Void> inTime = session.sendText("{\"command_id\":\"c2\"}", java.time.Duration.ofSeconds(30));
    assertThat(written).hasSize(1);
    written.poll().succeed();
    inTime.get();
  }
}
