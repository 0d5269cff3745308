/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

/**
 * One line of the results table.
 *
 * @param id metric number of issue 8 with a letter for its variants ("3a", "3b", ...)
 * @param name what was measured
 * @param value the driver's figure, or null when not measured
 * @param unit unit of value and baseline
 * @param baseline the same-run baseline, or null when there is none
 * @param baselineName what the baseline is
 * @param ratio the figure the target applies to (as named by the target), or null
 * @param target the target, in words
 * @param met whether the target is met; null when there is no target or nothing was measured
 * @param note how it was measured, or why it was not
 */
record MetricRow(
    String id,
    String name,
    Double value,
    String unit,
    Double baseline,
    String baselineName,
    Double ratio,
    String target,
    Boolean met,
    String note) {

  /** A metric that could not be measured in this build, with the reason. */
  static MetricRow notMeasured(String id, String name, String target, String reason) {
    return new MetricRow(id, name, null, "", null, "", null, target, null, reason);
  }
}
