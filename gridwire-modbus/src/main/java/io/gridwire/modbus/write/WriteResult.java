package io.gridwire.modbus.write;

import io.gridwire.modbus.codec.Outcome;
import java.util.List;

/**
 * What happened to a write and its read-back.
 *
 * @param command the write sent
 * @param echo the device's answer to the write: {@link Outcome.Ok} (its echo), {@link Outcome.Refused}
 *     (its exception code), or no answer
 * @param back the answer to the read-back (FC03 over the registers, FC01 over the coils)
 * @param written words written (coils 0/1)
 * @param readBack words read back (as many as were written), or empty when the read-back failed
 */
public record WriteResult(WriteCommand command, Outcome echo, Outcome back, List<Integer> written, List<Integer> readBack) {
  public WriteResult {
    written = List.copyOf(written);
    readBack = List.copyOf(readBack);
  }

  /**
   * {@code confirmed} (echoed, read back equal), {@code unconfirmed} (echoed, the read-back
   * differs or failed), {@code refused} (exception answer), {@code failed} (no answer).
   */
  public String status() {
    if (echo instanceof Outcome.Refused) return "refused";
    if (!(echo instanceof Outcome.Ok)) return "failed";
    return confirmed() ? "confirmed" : "unconfirmed";
  }

  /** Echoed, and every word read back equals the word written. */
  public boolean confirmed() {
    return echo instanceof Outcome.Ok && back instanceof Outcome.Ok && readBack.equals(written);
  }

  /** One sentence: what the device answered and what the read-back showed. */
  public String detail() {
    return switch (status()) {
      case "refused", "failed" -> "write " + echo.describe();
      case "confirmed" -> "read back equals the written values";
      default -> back instanceof Outcome.Ok ? "read back " + readBack + " differs from the written " + written
          : "read back " + back.describe();
    };
  }

  /** The write's answer as evidence: {@code FC06 4352 echoed [500]}, {@code FC06 4352 exception 2 (illegal data address)}. */
  public String echoEvidence() {
    String head = "FC" + String.format("%02d", command.request().function()) + " " + command.request().address() + " ";
    return switch (echo) {
      case Outcome.Ok ok -> head + "echoed " + written;
      case Outcome.Refused r -> head + "exception " + r.code() + " (" + r.describe() + ")";
      default -> head + echo.describe();
    };
  }

  /** The read-back as evidence: {@code FC03 4352..4352 read back [500]}. */
  public String readBackEvidence() {
    var r = command.readBack();
    int n = written.size();
    String head = "FC" + String.format("%02d", r.function()) + " " + r.address() + ".." + (r.address() + n - 1) + " ";
    return back instanceof Outcome.Ok ? head + "read back " + readBack : head + "read back " + back.describe();
  }
}
