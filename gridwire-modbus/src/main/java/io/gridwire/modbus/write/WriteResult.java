package io.gridwire.modbus.write;

import java.util.List;

/**
 * What happened to a write.
 *
 * @param commandId id shared by the command_sent and command_answered events
 * @param status {@code confirmed} (read back equal), {@code unconfirmed} (written, read back
 *     differs or failed), {@code refused} (exception answer), {@code failed} (no answer)
 * @param detail one sentence
 * @param written words written (coils 0/1)
 * @param readBack words read back, or empty
 */
public record WriteResult(String commandId, String status, String detail, List<Integer> written, List<Integer> readBack) {
  public boolean confirmed() {
    return "confirmed".equals(status);
  }
}
