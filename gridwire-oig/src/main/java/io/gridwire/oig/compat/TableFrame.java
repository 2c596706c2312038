package io.gridwire.oig.compat;

import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Value;
import java.util.Map;

/**
 * One published table frame of a box, under the Box's own field names.
 *
 * @param device box id ({@code ID_Device})
 * @param table OIG table, e.g. {@code tbl_actual}
 * @param bank {@code ID_SubD}, 0 when absent
 * @param values field name as the Box sends it ({@code ACI_WR}) → value, in frame order
 * @param infos field name → Gridwire's metadata of it (label, unit, classes)
 */
public record TableFrame(String device, String table, int bank, Map<String, Value> values, Map<String, MetricInfo> infos) {}
