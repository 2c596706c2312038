package io.gridwire.oig.proxy;

import io.gridwire.oig.codec.Decoded;
import io.gridwire.oig.codec.OigFrameBuilder;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the gateway answers in offline mode, exactly as the real cloud answers in the captures
 * (protocols/oig.md §4.2–4.4). Pure, thread-safe.
 *
 * <pre>
 *  box frame                                   local answer
 *  tbl_* data table (also tbl_batt + ID_SubD)  &lt;Result&gt;ACK&lt;/Result&gt;&lt;ToDo&gt;GetActual&lt;/ToDo&gt;   CRC 00167
 *  IsNewSet / IsNewWeather / IsNewFW           &lt;Result&gt;END&lt;/Result&gt;&lt;Time&gt;local&lt;/Time&gt;&lt;UTCTime&gt;utc&lt;/UTCTime&gt;
 *  END "All data sent", ACK Reason=Setting     &lt;Result&gt;ACK&lt;/Result&gt;                          CRC 54590
 *  bad CRC, malformed, oversize                &lt;Result&gt;NACK&lt;/Result&gt;&lt;Reason&gt;WC&lt;/Reason&gt;    CRC 21736
 * </pre>
 *
 * A bare END (CRC 34500) is never sent to a poll: it is known to leave boxes looping on IsNewSet.
 */
public final class LocalAnswers {
  public static final byte[] ACK_GET_ACTUAL = OigFrameBuilder.create().add("Result", "ACK").add("ToDo", "GetActual").toBytes();
  public static final byte[] ACK = OigFrameBuilder.create().add("Result", "ACK").toBytes();
  public static final byte[] NACK_WC = OigFrameBuilder.create().add("Result", "NACK").add("Reason", "WC").toBytes();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private LocalAnswers() {}

  /** The answer to one decoded box frame. */
  public static byte[] answer(Decoded decoded, Instant now, ZoneId boxZone) {
    return switch (decoded) {
      case Decoded.Ok ok -> switch (ok.frame().kind()) {
        case TABLE -> ACK_GET_ACTUAL;
        case POLL -> end(now, boxZone);
        default -> ACK;
      };
      case Decoded.BadCrc ignored -> NACK_WC;
      case Decoded.Malformed ignored -> NACK_WC;
    };
  }

  /** {@code END} with the Box's local time and UTC, as the cloud answers polls since 2026. */
  public static byte[] end(Instant now, ZoneId boxZone) {
    return OigFrameBuilder.create()
        .add("Result", "END")
        .add("Time", TIME.format(now.atZone(boxZone)))
        .add("UTCTime", TIME.format(now.atZone(ZoneOffset.UTC)))
        .toBytes();
  }
}
