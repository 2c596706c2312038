package io.gridwire.modbus.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Independent Modbus TCP clients run as processes against the server façade. */
final class FacadeClients {
  private FacadeClients() {}

  /** pymodbus: one output line per request {@code FC:ADDR:COUNT}. */
  static List<String> pymodbus(int port, int unit, String... requests) throws Exception {
    PymodbusPeer.require();
    Path script = Files.createTempFile("gridwire-pymodbus-client", ".py");
    try (var in = FacadeClients.class.getResourceAsStream("/pymodbus/client.py")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), String.valueOf(port), String.valueOf(unit)));
      cmd.addAll(List.of(requests));
      return LibmodbusRtuPeer.run(cmd.toArray(String[]::new)).lines().toList();
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** libmodbus: reads {@code count} registers {@code repeat} times; output lines (see tcp_client.c). */
  static List<String> libmodbus(int port, int unit, int fc, int addr, int count, int repeat) throws Exception {
    LibmodbusRtuPeer.require();
    Path exe = LibmodbusRtuPeer.binary("tcp_client");
    return LibmodbusRtuPeer.run(exe.toString(), String.valueOf(port), String.valueOf(unit), String.valueOf(fc), String.valueOf(addr),
        String.valueOf(count), String.valueOf(repeat)).lines().toList();
  }

  /** libmodbus: one write (FC 5, 6, 15 or 16) of {@code values}; output "ok", "exception N" or "error …" (see tcp_writer.c). */
  static String libmodbusWrite(int port, int unit, int fc, int addr, int... values) throws Exception {
    LibmodbusRtuPeer.require();
    Path exe = LibmodbusRtuPeer.binary("tcp_writer");
    List<String> cmd = new ArrayList<>(List.of(exe.toString(), String.valueOf(port), String.valueOf(unit), String.valueOf(fc),
        String.valueOf(addr)));
    for (int v : values) cmd.add(String.valueOf(v));
    return LibmodbusRtuPeer.run(cmd.toArray(String[]::new)).trim();
  }
}
