/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Result of {@code PUT …/records}.
 *
 * @param recordsAffected rows updated (0 is a success)
 * @param rows the updated rows as {@code response=rows} renders them; empty unless asked for
 */
public record WriteResult(int recordsAffected, ArrayNode rows) {}
