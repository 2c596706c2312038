package io.gridwire.oig.codec;

/**
 * The outcome of decoding one framed {@code <Frame>…</Frame>}: parsed with a good CRC, parsed
 * with a wrong CRC (the peer answers {@code NACK}/{@code WC}), or not a frame at all.
 */
public sealed interface Decoded permits Decoded.Ok, Decoded.BadCrc, Decoded.Malformed {

  /** The elements as received, whether or not the CRC matched; null when malformed. */
  default OigFrame frameOrNull() {
    return switch (this) {
      case Ok ok -> ok.frame();
      case BadCrc bad -> bad.frame();
      case Malformed ignored -> null;
    };
  }

  /** Parsed; the CRC matches. */
  record Ok(OigFrame frame) implements Decoded {}

  /**
   * Parsed, but the CRC does not match.
   *
   * @param frame the elements as received
   * @param expected the CRC the elements should carry, five digits
   */
  record BadCrc(OigFrame frame, String expected) implements Decoded {}

  /** Not parseable as the grammar of protocols/oig.md §2; {@code reason} says where. */
  record Malformed(String reason) implements Decoded {}
}
