/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R22: the same queries give byte-identical results whatever the JVM's default locale and time
 * zone. The expected digests were taken once and are fixed here; the failsafe executions of this
 * module run this class under tr_TR / Pacific/Kiritimati, de_DE / America/New_York and
 * Pacific/Chatham, so a locale-dependent result breaks one of them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocaleIT {
  @RegisterExtension static final EmulatorFixture fixture = FaultProxy.tenPages();
  private static Connection c;

  @BeforeAll
  static void connect() throws SQLException {
    c = fixture.open(FaultProxy.V3);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          SELECT * FROM OrderItems | 10000 | d43a7bb460890c66875fe0c6629a2999906e054119db242b9bf3f07858634032
          select pk_id, quantity, unit_price, delivered_at from orderitems where pk_id <= 1500 and comment is not null | 1500 | 1e3ea9f70f8616f348c2fe95c3f567c24d66ace6261ef4b542c15ceb57e93dcf
          SELECT COUNT(*), SUM(Quantity), MIN(Delivered_At), MAX(Unit_Price) FROM OrderItems WHERE Delivered_At >= TIMESTAMP '2024-03-31 02:30:00' | 1 | e7aa7eeacd784a329fa3a91e33edd0fd07c39d8c758d8b7d85ab62bf7f73ecfb
          SELECT Product_No, CAST(Unit_Price AS VARCHAR(20)), EXTRACT(HOUR FROM Delivered_At) FROM OrderItems WHERE Product_No LIKE 'P-0001%' ORDER BY PK_ID | 2581 | 8c97a3d2c1c0bf49701cabc08f55f9c3be29650c69f31e77720272ddd3bca1a1
          """)
  void r22_sameRowsInEveryLocaleAndTimeZone(String sql, int rows, String sha256)
      throws SQLException {
    Rows r = Rows.of(c, sql);
    String where = Locale.getDefault() + " " + TimeZone.getDefault().getID();
    System.out.println("R22 " + where + " " + r + " " + sql);
    assertEquals(rows, r.count(), where + ": " + sql);
    assertEquals(sha256, r.sha256(), where + ": " + sql);
  }
}
