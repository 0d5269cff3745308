/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One page of rows rendered exactly as Caspio's JSON.
 *
 * @param rows the rows, one object each, keys in field order
 * @param totalCount rows matching the query over all pages; {@code null} unless pagination info was
 *     asked for
 * @param pageNumber the 1-based page served (1 when not paging)
 * @param pageSize the page size applied (the limit when not paging)
 */
public record RecordPage(ArrayNode rows, Long totalCount, int pageNumber, int pageSize) {}
