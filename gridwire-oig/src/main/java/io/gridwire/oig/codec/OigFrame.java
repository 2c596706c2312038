package io.gridwire.oig.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoded OIG frame: its elements in wire order, without the trailing {@code <CRC>} element.
 * A name may repeat (the long {@code IsNewSet} poll carries {@code ID_Device} twice), so lookups
 * return the first occurrence and {@link #all} returns every one. Immutable.
 *
 * <pre>
 *  &lt;Frame&gt;&lt;TblName&gt;tbl_actual&lt;/TblName&gt;&lt;ID_Set&gt;…&lt;/ID_Set&gt; … &lt;ver&gt;12345&lt;/ver&gt;&lt;CRC&gt;00167&lt;/CRC&gt;&lt;/Frame&gt;\r\n
 *         └──────────── elements (CRC input) ─────────────────────┘└─ crc ─┘
 * </pre>
 *
 * @param elements name/value pairs in wire order, unmodifiable
 * @param crc the five-digit CRC text as received (or generated), never null
 */
public record OigFrame(List<Element> elements, String crc) {

  /** One {@code <Name>value</Name>} element; value may be empty, never null. */
  public record Element(String name, String value) {
    public Element {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public OigFrame {
    elements = List.copyOf(elements);
    Objects.requireNonNull(crc, "crc");
  }

  /** The first value of {@code name}, if present. */
  public Optional<String> first(String name) {
    for (Element e : elements) if (e.name().equals(name)) return Optional.of(e.value());
    return Optional.empty();
  }

  /** The first value of {@code name}, or null. */
  public String get(String name) {
    for (Element e : elements) if (e.name().equals(name)) return e.value();
    return null;
  }

  /** Every value of {@code name}, in wire order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>(2);
    for (Element e : elements) if (e.name().equals(name)) out.add(e.value());
    return out;
  }

  /** {@code TblName}, or null (polls, answers). */
  public String table() {
    return get("TblName");
  }

  /** {@code Result}, or null (data tables, cloud Setting frames). */
  public String result() {
    return get("Result");
  }

  /** {@code ID_Device}, or null (cloud ACK/END/NACK). */
  public String deviceId() {
    return get("ID_Device");
  }

  public FrameKind kind() {
    return FrameKind.of(this);
  }
}
