/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation and rewriting of fragments, without a database. */
class FragmentRewriterTest {

  private static FragmentRewriter rewriter() {
    return new FragmentRewriter(
        Map.of(
            "pk_id", "PK_ID", "name", "Name", "year", "Year", "city", "City", "shipped", "Shipped"),
        Map.of("customers", "Customers", "_v_openorders", "OpenOrders"),
        Set.of("secret"),
        Set.of("name", "city"),
        Set.of("shipped"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "shipped = 1                        | \"Shipped\" = CAST(1 AS BOOLEAN)",
        "(shipped=0 OR shipped=1)           | (\"Shipped\" = CAST(0 AS BOOLEAN) OR \"Shipped\" ="
            + " CAST(1 AS BOOLEAN))",
        "1 <> Customers.shipped             | CAST(1 AS BOOLEAN) <> \"Customers\".\"Shipped\"",
        "shipped NOT IN (0, 1)              | \"Shipped\" NOT IN (CAST(0 AS BOOLEAN), CAST(1 AS"
            + " BOOLEAN))",
        "shipped = 2                        | \"Shipped\" = 2",
        "year = 1                           | \"Year\" = 1",
      })
  void yesNoComparedWithBits_asBooleans(String fragment, String h2) {
    assertEquals(h2, where(fragment));
  }

  private static String where(String fragment) {
    FragmentRewriter rw = rewriter();
    rw.collectAliases(fragment);
    return rw.rewrite(fragment, Clause.WHERE, null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "name = 'x'                         | CAST(RTRIM(\"Name\") AS VARCHAR) = 'x'",
        "'abc  ' = City                     | 'abc' = CAST(RTRIM(\"City\") AS VARCHAR)",
        "Name NOT IN ('a ', N'b')           | CAST(RTRIM(\"Name\") AS VARCHAR) NOT IN ('a', N'b')",
        "Year = '5 '                        | \"Year\" = '5 '",
        "Name + 'x' = 'y'                   | \"Name\" + 'x' = 'y'",
        "UPPER(Name) = 'A'                  | CAST(UPPER(\"Name\") AS VARCHAR) = 'A'",
        "NAME = N'O''Brien'                 | CAST(RTRIM(\"Name\") AS VARCHAR) = N'O''Brien'",
        "[Name] LIKE '%a_b[c]%'             | \"Name\" REGEXP '(?isu)^.*a.b[c].* *$'",
        "Name NOT LIKE N'O''B%'             | \"Name\" NOT REGEXP '(?isu)^O''B.* *$'",
        "Name LIKE '5!%' ESCAPE '!'         | \"Name\" LIKE '5!%' ESCAPE '!'",
        "Name LIKE 'a' + '%'                | \"Name\" LIKE 'a' + '%'",
        "\"year\" BETWEEN 1 AND 2           | \"Year\" BETWEEN 1 AND 2",
        "City IS NOT NULL                   | \"City\" IS NOT NULL",
        "pk_id IN (SELECT PK_ID FROM customers c WHERE c.city = 'x') "
            + "| \"PK_ID\" IN (SELECT \"PK_ID\" FROM \"Customers\" \"c\" WHERE"
            + " CAST(RTRIM(\"c\".\"City\") AS VARCHAR) = 'x')",
        "Name IN (SELECT Name FROM _v_OpenOrders) "
            + "| CAST(RTRIM(\"Name\") AS VARCHAR) IN (SELECT CAST(RTRIM(\"Name\") AS VARCHAR)"
            + " FROM \"OpenOrders\")",
        "Name NOT IN (SELECT c.City FROM Customers c WHERE Year > 1) "
            + "| CAST(RTRIM(\"Name\") AS VARCHAR) NOT IN (SELECT CAST(RTRIM(\"c\".\"City\") AS"
            + " VARCHAR) FROM \"Customers\" \"c\" WHERE \"Year\" > 1)",
        "Year IN (SELECT Year FROM Customers) "
            + "| \"Year\" IN (SELECT \"Year\" FROM \"Customers\")",
        "DATEADD(day, -1, GETDATE()) < '2024-01-01' "
            + "| DATEADD(DAY, - 1, GETDATE()) < '2024-01-01'",
        "Name = 'a;b -- c /* d */'          | CAST(RTRIM(\"Name\") AS VARCHAR) = 'a;b -- c /* d */'",
        "Year <> 1 AND Year != 2            | \"Year\" <> 1 AND \"Year\" <> 2",
        "CAST(Year AS VARCHAR(4)) = '2024'  | CAST(\"Year\" AS VARCHAR(4)) = '2024'",
      })
  void rewrite_acceptedFragment_quotesNamesAndKeepsLiterals(String fragment, String expected) {
    assertEquals(expected.trim(), where(fragment.trim()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "1=1; DROP TABLE Customers",
        "1=1 -- comment",
        "1=1 /* hidden */",
        "Name = 'unclosed",
        "Name = ?",
        "Name = @@VERSION",
        "Name = $$x$$",
        "Name = 0x41",
        "Name = `x`",
        "Name = 'a' || 'b'",
        "Name = 'a' & 1",
      })
  void rewrite_lexicallyForbidden_incorrectQueryParameter(String fragment) {
    StoreException e = assertThrows(StoreException.class, () -> where(fragment));
    assertEquals(400, e.status());
    assertEquals("IncorrectQueryParameter", e.code());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "FILE_READ('/etc/passwd') IS NOT NULL",
        "CSVREAD('x.csv') IS NOT NULL",
        "LINK_SCHEMA('a','b','c','d','e','f') IS NULL",
        "EXISTS (SELECT * FROM INFORMATION_SCHEMA.TABLES)",
        "EXISTS (SELECT * FROM acct.Customers)",
        "EXISTS (SELECT * FROM Customers information_schema WHERE 1 = 1)",
        "Name IN (SELECT Name FROM Users)",
        "RUNSCRIPT('x') = 1",
        "Name = DATABASE()",
        "Name = USER",
        "Name = 1) OR (1 = 1",
        "(Name = 1",
        "1 = 1) UNION SELECT (1",
        "Nope = 1",
        "Customers.Nope = 1",
        "Name = 1 ORDER BY Name",
        "EXISTS (VALUES (1))",
        "Name = __ORD",
        "Name = (SELECT TOP 1 C.* FROM Customers C)",
      })
  void rewrite_unknownNameOrStructure_sqlServerError(String fragment) {
    StoreException e = assertThrows(StoreException.class, () -> where(fragment));
    assertEquals(400, e.status(), e::getMessage);
    assertEquals("SqlServerError", e.code());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Secret = 'x'", "SECRET IS NULL", "[secret] LIKE '%'", "LEN(Secret) > 1"})
  void rewrite_passwordField_refused(String fragment) {
    StoreException e = assertThrows(StoreException.class, () -> where(fragment));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("Password"), e::getMessage);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Nope", "Name, Nope AS x", "Customers.Nope"})
  void rewrite_unknownSelectedField_500(String select) {
    FragmentRewriter rw = rewriter();
    StoreException e =
        assertThrows(StoreException.class, () -> rw.rewrite(select, Clause.SELECT, "*"));
    assertEquals(500, e.status());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*                               | \"PK_ID\", \"Name\"",
        "*, COUNT(*) OVER () AS total    | \"PK_ID\", \"Name\", COUNT(*) OVER () AS \"total\"",
        "Year * 2 AS twice               | \"Year\" * 2 AS \"twice\"",
      })
  void rewrite_selectStar_expandsOnlyListItems(String select, String expected) {
    FragmentRewriter rw = rewriter();
    rw.collectAliases(select);
    assertEquals(expected.trim(), rw.rewrite(select.trim(), Clause.SELECT, "\"PK_ID\", \"Name\""));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Name FROM Customers", "Name WHERE 1 = 1", "Name UNION SELECT Name"})
  void rewrite_selectLeavingItsClause_refused(String select) {
    FragmentRewriter rw = rewriter();
    assertThrows(StoreException.class, () -> rw.rewrite(select, Clause.SELECT, "*"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "COUNT(*) AS n              | true",
        "City, MAX(Year) AS y       | true",
        "ROW_NUMBER() OVER (ORDER BY Year) AS r | false",
        "COUNT(*) OVER (PARTITION BY City) AS c | false",
        "Name                       | false",
      })
  void hasPlainAggregate_detectsGroupingAggregates(String select, boolean expected) {
    assertEquals(expected, FragmentRewriter.hasPlainAggregate(select.trim()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"DISTINCT City", "distinct City, Name"})
  void startsWithDistinct_detected(String select) {
    assertTrue(FragmentRewriter.startsWithDistinct(select));
    assertFalse(FragmentRewriter.startsWithDistinct("City"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "COUNT(*) AS n   | n DESC      | \"n\" DESC",
        "Name AS label   | LABEL ASC   | \"LABEL\" ASC",
      })
  void rewrite_orderByAlias_resolvesSelectAlias(String select, String order, String expected) {
    FragmentRewriter rw = rewriter();
    rw.collectAliases(select.trim());
    rw.collectAliases(order.trim());
    rw.rewrite(select.trim(), Clause.SELECT, "*");
    assertEquals(expected.trim(), rw.rewrite(order.trim(), Clause.ORDER_BY, null));
  }

  @ParameterizedTest(name = "{0} GROUP BY {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "City, COUNT(*) AS n | City | CAST(RTRIM(\"City\") AS VARCHAR) AS \"City\", COUNT(*) AS \"n\""
            + " | CAST(RTRIM(\"City\") AS VARCHAR)",
        "Customers.City AS c | Customers.City | CAST(RTRIM(\"City\") AS VARCHAR) AS \"c\""
            + " | CAST(RTRIM(\"City\") AS VARCHAR)",
        "Year, COUNT(*) AS n | Year | \"Year\", COUNT(*) AS \"n\" | \"Year\"",
        "UPPER(City) AS u    | UPPER(City) | CAST(UPPER(\"City\") AS VARCHAR) AS \"u\""
            + " | CAST(UPPER(\"City\") AS VARCHAR)",
      })
  void rewrite_groupedTextField_groupsOnTrimmedValue(
      String select, String groupBy, String expectedSelect, String expectedGroupBy) {
    FragmentRewriter rw = rewriter();
    rw.collectAliases(select.trim());
    rw.prepareGrouping(groupBy.trim());
    assertEquals(expectedSelect.trim(), rw.rewrite(select.trim(), Clause.SELECT, "*"));
    assertEquals(expectedGroupBy.trim(), rw.rewrite(groupBy.trim(), Clause.GROUP_BY, null));
  }
}
