package io.gridwire.oig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.oig.codec.OigFrameBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OigCloudSimulatorTest {
  @Test
  void received_moreFramesThanItKeeps_theNewestInOrderAndEveryFrameAnswered() throws Exception {
    int total = OigCloudSimulator.MAX_RECEIVED + 500;
    try (OigCloudSimulator cloud = new OigCloudSimulator("127.0.0.1", 0, ZoneId.of("Europe/Prague"), Clock.systemUTC()).start();
        Socket s = new Socket("127.0.0.1", cloud.port())) {
      s.setSoTimeout(30_000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
      Thread reader = Thread.ofVirtual().start(() -> { // answers read while frames are written: no deadlock on full buffers
        try {
          byte[] buf = new byte[64 * 1024];
          int frames = 0;
          for (int n; frames < total && (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) if (buf[i] == '\n') frames++;
          }
          answered.set(frames);
        } catch (java.io.IOException ignored) {
          // the assertion below says what is missing
        }
      });
      for (int i = 0; i < total; i++) {
        out.write(OigFrameBuilder.create().add("TblName", "tbl_actual").add("ID_Device", "2206237016").add("n", Integer.toString(i))
            .toBytes());
      }
      out.flush();
      reader.join(60_000);
      assertThat(answered.get()).isEqualTo(total);
      List<String> got = cloud.received();
      assertThat(got).hasSize(OigCloudSimulator.MAX_RECEIVED);
      assertThat(got.get(0)).contains("<n>500</n>");
      assertThat(got.get(got.size() - 1)).contains("<n>" + (total - 1) + "</n>");
    }
  }
}
