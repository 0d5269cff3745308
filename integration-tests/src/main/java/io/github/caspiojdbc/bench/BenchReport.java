/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one run produced.
 *
 * @param started ISO-8601 UTC start time
 * @param seconds wall time of the whole run
 * @param options what was run
 * @param machine processor count, Java and OS versions
 * @param metrics the table, in issue order
 * @param queries the per-query detail behind metrics 1 and 2
 */
record BenchReport(
    String started,
    double seconds,
    BenchOptions options,
    Map<String, String> machine,
    List<MetricRow> metrics,
    List<QueryResult> queries) {}
