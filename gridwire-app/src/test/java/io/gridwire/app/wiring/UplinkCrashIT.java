package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.testkit.FreePorts;
import io.gridwire.uplink.sim.BrokerSimConfig;
import io.gridwire.uplink.sim.ReceivedMessage;
import io.gridwire.uplink.sim.UplinkBrokerSim;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway process killed with {@code kill -9} holding a backlog in its SQLite outbox (opened as
 * the wiring opens it), restarted: nothing lost, each device in order.
 */
class UplinkCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void uplink_killedWithBacklogThenRestarted_deliversTheBacklog() throws Exception {
    try (UplinkBrokerSim sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()))) {
      sim.refuse(true);
      Process first = child(sim, 900);
      try {
        assertThat(readUntilQueued(first)).isEqualTo("QUEUED 900");
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(first.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);
      } finally {
        first.destroyForcibly();
      }
      assertThat(sim.received()).isEmpty();

      sim.refuse(false);
      Process second = child(sim, 0);
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.unique().size() == 900);
        Map<String, List<Integer>> byDevice = numbersByDevice(sim.unique());
        assertThat(byDevice).containsOnlyKeys("dev-0", "dev-1", "dev-2");
        byDevice.values().forEach(ns -> assertThat(ns).isEqualTo(IntStream.range(0, 300).boxed().toList()));
      } finally {
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private Process child(UplinkBrokerSim sim, int count) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        UplinkChildMain.class.getName(), sim.url().toString(), dir.toString(), Integer.toString(count))
        .redirectErrorStream(true).start();
  }

  private static String readUntilQueued(Process p) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
    String line;
    StringBuilder all = new StringBuilder();
    while ((line = r.readLine()) != null) {
      if (line.startsWith("QUEUED")) return line;
      all.append(line).append('\n');
    }
    throw new AssertionError("child ended without QUEUED:\n" + all);
  }

  /** device → the {@code n} values in the order received. */
  private static Map<String, List<Integer>> numbersByDevice(List<ReceivedMessage> messages) throws Exception {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    for (ReceivedMessage m : messages) {
      JsonNode body = JSON.readTree(m.message());
      out.computeIfAbsent(body.path("device_id").asText(), k -> new ArrayList<>()).add(body.path("values").path("n").asInt());
    }
    return out;
  }
}
