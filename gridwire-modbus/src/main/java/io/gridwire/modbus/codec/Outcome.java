package io.gridwire.modbus.codec;

import java.time.Duration;

/**
 * The result of one Modbus request. A transport never throws for a device's failure; it returns
 * one of these (STYLE: "a poll loop never throws; it consumes a sealed outcome").
 */
public sealed interface Outcome {
  /** Stable lower-case kind for statistics: {@code ok}, {@code refused}, {@code timeout}, {@code transport}, {@code malformed}. */
  String kind();

  /**
   * The device answered.
   *
   * @param words registers read (0..65535 each); for bit reads one 0/1 per bit; for writes the
   *     echoed value(s)
   */
  record Ok(int[] words) implements Outcome {
    @Override
    public String kind() {
      return "ok";
    }
  }

  /**
   * The device answered with an exception PDU.
   *
   * @param code Modbus exception code (1 illegal function, 2 illegal address, 3 illegal value,
   *     4 device failure, 6 busy, 11 gateway target failed to respond ...)
   */
  record Refused(int code) implements Outcome {
    @Override
    public String kind() {
      return "refused";
    }

    public String describe() {
      return switch (code) {
        case 1 -> "illegal function";
        case 2 -> "illegal data address";
        case 3 -> "illegal data value";
        case 4 -> "server device failure";
        case 5 -> "acknowledge";
        case 6 -> "server device busy";
        case 10 -> "gateway path unavailable";
        case 11 -> "gateway target failed to respond";
        default -> "exception code " + code;
      };
    }
  }

  /** No matching answer within the timeout. */
  record TimedOut(Duration after) implements Outcome {
    @Override
    public String kind() {
      return "timeout";
    }
  }

  /** The connection could not be opened, or broke. */
  record TransportDown(String reason) implements Outcome {
    @Override
    public String kind() {
      return "transport";
    }
  }

  /** Bytes arrived but no valid answer: bad CRC, garbage, wrong length or function. */
  record Malformed(String reason) implements Outcome {
    @Override
    public String kind() {
      return "malformed";
    }
  }

  /** One operator sentence for the device's error field. */
  default String describe() {
    return switch (this) {
      case Ok ok -> "ok";
      case Refused r -> r.describe();
      case TimedOut t -> "no answer within " + t.after().toMillis() + " ms";
      case TransportDown d -> "connection failed: " + d.reason();
      case Malformed m -> "malformed answer: " + m.reason();
    };
  }
}
