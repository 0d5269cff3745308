/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.error.CaspioException;
import java.util.Map;

/**
 * What became of one record of a {@link CaspioApi#insertAll} request: written (with the record as
 * the server returned it, empty when it returned none) or refused with the error Caspio gave for
 * that record alone.
 *
 * @param row the written record, or null when refused
 * @param error why the record was refused, or null when written
 */
public record InsertOutcome(Map<String, Object> row, CaspioException error) {
  /** Exactly one of the two is set. */
  public InsertOutcome {
    if ((row == null) == (error == null)) {
      throw new IllegalArgumentException("an outcome is either a row or an error");
    }
  }

  /** Whether the record was written. */
  public boolean written() {
    return row != null;
  }
}
