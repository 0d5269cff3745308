/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The benchmark harness of issue 8 ({@code ./caspio-bench}): starts the Caspio emulator in-process
 * and measures the driver against its limits in one run, each metric next to a baseline measured in
 * the same run (the API minimum for calls and bytes, a bare HttpClient 5 + Jackson client for
 * throughput and latency, an ideal time for latency hiding). {@link
 * io.github.caspiojdbc.bench.BenchMain} is the command line; the metrics live in one class each
 * ({@code CallsAndBytesMetric}, {@code ScanMetric}, {@code StatementCostMetric}, {@code
 * HeapMetric}, {@code InsertMetric}, {@code RateLimitMetric}), the baseline client in {@code
 * BareClient}, the output in {@code ReportWriter}. It is a measurement, not a test: nothing here
 * asserts a timing.
 */
package io.github.caspiojdbc.bench;
