package io.gridwire.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * packaging/systemd/gridwire.service: systemd itself finds nothing wrong with it but the missing
 * /opt/gridwire (the unit is checked outside an installation), its offline security exposure is
 * low, and a stop is a success whether Gridwire or the JVM handled SIGTERM.
 */
class SystemdUnitTest {
  static final Path UNIT = Path.of("..", "packaging", "systemd", "gridwire.service").toAbsolutePath().normalize();
  static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

  @Test
  void unit_stopAndData_cleanStopIsSuccessAndStateDirectory() throws Exception {
    String unit = Files.readString(UNIT);
    assertThat(unit).contains("SuccessExitStatus=143", "KillSignal=SIGTERM", "StateDirectory=gridwire",
        "Environment=GRIDWIRE_NODE_DATA_DIR=/var/lib/gridwire", "User=gridwire", "NoNewPrivileges=yes", "ProtectSystem=strict",
        "ExecStart=/opt/gridwire/gridwire run --config /etc/gridwire/gridwire.yaml")
        .doesNotContain("MemoryDenyWriteExecute=yes");
  }

  @Test
  void unit_systemdAnalyzeVerify_onlyTheUninstalledLauncherReported() throws Exception {
    Tools.require(ANALYZE, "systemd-analyze is needed (apt-get install -y systemd)");
    Commands.Result r = Commands.run(List.of(ANALYZE.toString(), "verify", UNIT.toString()), Map.of(), null, 60);
    List<String> problems = r.output().lines().filter(l -> !l.isBlank())
        .filter(l -> !l.contains("Command /opt/gridwire/gridwire is not executable")).toList();
    assertThat(problems).as(r.output()).isEmpty();
  }

  @Test
  void unit_offlineSecurityAnalysis_exposureBelowTwo() throws Exception {
    Tools.require(ANALYZE, "systemd-analyze is needed (apt-get install -y systemd)");
    Commands.Result r = Commands.run(List.of(ANALYZE.toString(), "security", "--offline=yes", "--no-pager", UNIT.toString()),
        Map.of(), null, 60);
    String level = r.output().replaceAll("(?s).*Overall exposure level for gridwire.service: ([0-9.]+).*", "$1");
    assertThat(Double.parseDouble(level)).as(r.output()).isLessThan(2.0);
  }
}
