/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Calcite's statement preparation with the driver's {@link CaspioConvertlets}; {@link
 * CalciteBridge#createPrepare} makes one per statement, as Calcite's driver does.
 */
final class CaspioPrepare extends CalcitePrepareImpl {
  @Override
  protected SqlRexConvertletTable createConvertletTable() {
    return CaspioConvertlets.INSTANCE;
  }
}
