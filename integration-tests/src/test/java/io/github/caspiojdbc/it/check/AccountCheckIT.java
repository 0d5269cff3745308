/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.ConnectionFault;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.Switches;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code caspio-sql --check} against the emulator: every probe agrees, the calls counted by the
 * emulator stay within the stated budget, a contradicting emulator makes a probe differ, the write
 * probes touch only the scratch table and leave no row behind (also when the insert's reply is
 * lost), and the secret appears neither in the output nor in the JSON report.
 */
class AccountCheckIT {
  private static final String SECRET = "check-it-secret-4711";
  private static final String SCRATCH = "Check_Scratch";
  private static final int BUDGET = 20;
  private static final int SCRATCH_BUDGET = 28;

  @RegisterExtension
  static final EmulatorFixture fixture =
      new EmulatorFixture(
          EmulatorFixture.builder()
              .sampleData(7, 100)
              .table(
                  TableDef.of(
                      SCRATCH,
                      FieldDef.of("Label", FieldType.STRING),
                      FieldDef.of("Note", FieldType.STRING),
                      FieldDef.of("Happened", FieldType.DATE_TIME),
                      FieldDef.list("Tags", FieldType.LIST_STRING, "red", "green")))
              .emulator(b -> b.clientId("check-it-client").clientSecret(SECRET))
              .startEmulator());

  private static final CaspioEmulator account = fixture.emulator;

  @BeforeEach
  void reset() {
    account.faults().clear();
    account.store().switches(Switches.STRICT);
    account.clearLog();
  }

  @Test
  void check_emulator_everyProbeAgreesWithinBudget(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");
    CheckRun r = check(url(), "--json", json.toString());
    // The check's first run found the emulator comparing two literals case- and blank-sensitively
    // ('a'='A' matched nothing); SqlServerDialect now compares them as SQL Server's CI collation.
    assertEquals(0, r.code(), r.toString());
    assertFalse(r.out().contains("DIFFERS"), r.out());
    assertFalse(r.out().contains("UNKNOWN"), r.out());
    // The one probe never sent: provoking the rate limit would hurt a real account.
    assertEquals(1, count(r.out(), "SKIPPED"), r.out());
    assertTrue(r.out().matches("(?s).*SKIPPED\\s+rate-limit reply.*"), r.out());
    long calls = account.log().totalCalls();
    // The README states today's spend; a new probe changes this number and the README together.
    assertEquals(17, calls);
    assertTrue(calls <= BUDGET, "spent " + calls + " calls");
    assertTrue(r.out().contains(calls + " of " + BUDGET + " calls spent"), r.out());
    assertTrue(
        account.log().entries().stream().allMatch(c -> c.method().equals("GET") || isToken(c)),
        "a read-only check wrote");
    String report = Files.readString(json);
    assertTrue(report.contains("\"probes\""), report);
    assertTrue(report.contains("\"AGREES\""), report);
    assertFalse(report.contains(SECRET), "secret in the report");
    assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), "secret printed");
  }

  @Test
  void check_contradictingEmulator_reportsDiffers() {
    // The page-size probe is the first records call; a 500 there is not the expected refusal.
    account.faults().failNext(1, 500, ".*/records.*");
    CheckRun r = check(url());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().matches("(?s).*DIFFERS\\s+page size cap.*"), r.out());
    assertTrue(r.out().contains(" 1 differ"), r.out()); // only the contradicted probe
  }

  @Test
  void check_scratchTable_agreesTouchesOnlyItAndLeavesNoRow(@TempDir Path dir) throws Exception {
    long before = account.store().rowCount(SCRATCH);
    Path json = dir.resolve("report.json");
    CheckRun r =
        check(
            url(), "--scratch-table", SCRATCH.toLowerCase(Locale.ROOT), "--json", json.toString());
    assertEquals(0, r.code(), r.toString());
    assertFalse(r.out().contains("DIFFERS") || r.out().contains("UNKNOWN"), r.out());
    for (String probe :
        List.of(
            "scratch insert",
            "scratch text with trailing blank",
            "scratch empty text",
            "scratch date-only input",
            "scratch date with Z",
            "scratch list ids as [n]",
            "scratch list ids as \"[n]\"",
            "scratch unknown key in insert",
            "scratch cleanup")) {
      assertTrue(
          r.out().matches("(?s).*AGREES\\s+" + Pattern.quote(probe) + ".*"),
          probe + "\n" + r.out());
    }
    assertEquals(before, account.store().rowCount(SCRATCH), "the probe row is still there");
    long calls = account.log().totalCalls();
    assertEquals(25, calls);
    assertTrue(calls <= SCRATCH_BUDGET, "spent " + calls + " calls");
    assertTrue(r.out().contains(calls + " of " + SCRATCH_BUDGET + " calls spent"), r.out());
    List<LoggedCall> writes =
        account.log().entries().stream()
            .filter(c -> !c.method().equals("GET") && !isToken(c))
            .toList();
    // Insert, the date-with-Z update, two list updates, the unknown-key insert and the delete;
    // each one on the scratch table only.
    assertEquals(
        List.of("POST", "PUT", "PUT", "PUT", "POST", "DELETE"),
        writes.stream().map(LoggedCall::method).toList());
    assertTrue(
        writes.stream().allMatch(c -> c.path().endsWith("/tables/" + SCRATCH + "/records")),
        writes.toString());
    assertFalse(Files.readString(json).contains(SECRET), "secret in the report");
  }

  @Test
  void check_scratchInsertReplyLost_rowIsStillRemovedAndExit2() {
    long before = account.store().rowCount(SCRATCH);
    // The insert is processed, then the connection drops: the check never learns the PK_ID.
    account
        .faults()
        .dropNextAfterProcessing(1, ConnectionFault.CONNECTION_RESET, ".*/" + SCRATCH + "/records");
    CheckRun r = check(url(), "--scratch-table", SCRATCH);
    assertEquals(2, r.code(), r.toString());
    assertEquals(before, account.store().rowCount(SCRATCH), "a lost insert left its row");
    LoggedCall last = account.log().last();
    assertEquals("DELETE", last.method(), last.toString());
    assertTrue(last.queryParam("q.where").contains("LIKE 'caspio-check-"), last.toString());
  }

  @Test
  void check_unknownScratchTable_isSkippedAndNothingWritten() {
    CheckRun r = check(url(), "--scratch-table", "No_Such_Table");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().matches("(?s).*SKIPPED\\s+scratch insert.*"), r.out());
    assertTrue(
        account.log().entries().stream().allMatch(c -> c.method().equals("GET") || isToken(c)));
  }

  @Test
  void check_badScratchTableName_exit2() {
    CheckRun r = check(url(), "--scratch-table", "x/../Customers");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("not a table name"), r.err());
    assertEquals(0, account.log().totalCalls());
  }

  /** Each emulator switch a probe reads, with that probe and whether it needs the scratch table. */
  static Stream<Arguments> probedSwitches() {
    return Stream.of(
        Arguments.of(
            Switches.STRICT.with(Switches.NullText.AS_EMPTY_STRING), "NULL text in replies", false),
        Arguments.of(
            Switches.STRICT.with(Switches.LimitWithPaging.REPLACES_PAGE_SIZE),
            "q.limit=3 beside q.pageSize=5",
            false),
        Arguments.of(
            Switches.STRICT.with(Switches.PaginationBlock.ALSO_UNASKED),
            "Pagination without q.getPaginationInfo",
            false),
        Arguments.of(
            Switches.STRICT.with(Switches.BadSelectField.STATUS_400),
            "error envelope (bad field)",
            false),
        Arguments.of(
            Switches.STRICT.with(Switches.DateInput.DROP_FRACTION_AND_OFFSET),
            "scratch date with Z",
            true),
        Arguments.of(
            Switches.STRICT.with(Switches.WriteErrorStatus.STATUS_500),
            "scratch date with Z",
            true),
        Arguments.of(
            Switches.STRICT.with(Switches.UnknownBodyField.COLUMN_NOT_FOUND),
            "scratch unknown key in insert",
            true),
        Arguments.of(
            Switches.STRICT.with(Switches.ListWrite.ARRAY_ONLY),
            "scratch list ids as \"[n]\"",
            true),
        Arguments.of(
            Switches.STRICT.with(Switches.ListWrite.STRING_ONLY), "scratch list ids as [n]", true));
  }

  /**
   * Flipping one named switch away from its strict default makes exactly the probe of that fact
   * differ: the check and the switches describe the same facts, so a live report that contradicts
   * the emulator points at one switch.
   */
  @ParameterizedTest
  @MethodSource("probedSwitches")
  void check_flippedSwitch_makesExactlyItsProbeDiffer(
      Switches flipped, String probe, boolean scratch) {
    account.store().switches(flipped);
    long before = account.store().rowCount(SCRATCH);
    CheckRun r = scratch ? check(url(), "--scratch-table", SCRATCH) : check(url());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().matches("(?s).*DIFFERS\\s+" + Pattern.quote(probe) + ".*"), r.out());
    assertTrue(r.out().contains(" 1 differ"), r.out());
    assertEquals(before, account.store().rowCount(SCRATCH), "the probe row is still there");
  }

  /**
   * The switches no probe reads (their Javadoc says why: the check's budget is fixed), each flipped
   * away from its default: the check, scratch probes included, still agrees everywhere. So the
   * check neither depends on these facts nor can settle them; only a live report can.
   */
  @ParameterizedTest
  @MethodSource("unprobedSwitches")
  void check_unprobedSwitchFlipped_everyProbeStillAgrees(Enum<?> setting) {
    account.store().switches(Switches.STRICT.with(setting));
    CheckRun r = check(url(), "--scratch-table", SCRATCH);
    assertEquals(0, r.code(), r.toString());
    assertFalse(r.out().contains("DIFFERS"), r.out());
  }

  static Stream<Enum<?>> unprobedSwitches() {
    return Stream.of(
        Switches.TokenErrorBody.CASPIO_ENVELOPE,
        Switches.V2PkId.OMITTED,
        Switches.UnknownQueryParam.REJECTED,
        Switches.LegacyQueryJson.IGNORED,
        Switches.LegacyQueryJson.PARSED,
        Switches.BodyKeyCase.EXACT);
  }

  /** The collation is fixed when a store is made, so it takes an emulator of its own. */
  @Test
  void check_caseSensitiveAccount_makesTheCollationProbeDiffer() {
    try (CaspioEmulator cs =
        CaspioEmulator.builder()
            .sampleData(7, 100)
            .clientId("check-it-client")
            .clientSecret(SECRET)
            .switches(Switches.STRICT.with(Switches.Collation.CASE_SENSITIVE))
            .build()
            .start()) {
      CheckRun r = check(EmulatorFixture.url(cs.port(), ""));
      assertEquals(1, r.code(), r.toString());
      assertTrue(r.out().matches("(?s).*DIFFERS\\s+collation \\('a'='A'\\).*"), r.out());
      assertTrue(r.out().contains(" 1 differ"), r.out());
    }
  }

  @Test
  void check_wrongSecret_exit2WithMessage() {
    CheckRun r =
        CheckRun.of(
            Map.of("CASPIO_CLIENT_ID", "check-it-client", "CASPIO_CLIENT_SECRET", "x"), url());
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("refused the credentials"), r.err());
  }

  @Test
  void check_unreachableHost_exit2NamingTheAddress() {
    CheckRun r = check("jdbc:caspio://127.0.0.1:1?useHttps=false");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("cannot reach http://127.0.0.1:1"), r.err());
  }

  @Test
  void check_noUrl_exit2WithUsage() {
    CheckRun r = check();
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("Usage"), r.err());
  }

  private static boolean isToken(LoggedCall c) {
    return c.kind() == PathKind.TOKEN;
  }

  private static int count(String text, String word) {
    return text.split(Pattern.quote(word), -1).length - 1;
  }

  private static String url() {
    return EmulatorFixture.url(account.port(), "");
  }

  private static CheckRun check(String... args) {
    return CheckRun.of(
        Map.of("CASPIO_CLIENT_ID", "check-it-client", "CASPIO_CLIENT_SECRET", SECRET), args);
  }
}
