/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The store's answers to facts about Caspio that are not settled (caspio-api.md sections 0 and 9),
 * one named switch each, so that a fact a live account check contradicts becomes a one-line change:
 * {@code Switches.STRICT.with(NullText.AS_EMPTY_STRING)}. Each constant names its source. The
 * defaults are the strict reading, except where a switch's Javadoc says why not: {@link
 * UnknownQueryParam} keeps the lenient answer that tests unrelated to the fact depend on, and
 * {@link V2PkId} and {@link BodyKeyCase} keep the emulator's behaviour from before they were
 * switches. Switches the HTTP layer applies (token error bodies, v2 rows, query parameters) are
 * here too, so that one record lists every uncertain fact. The rate-limit reply is the emulator's
 * own switch ({@code RateLimitReply}), since the store never sees a rate limit.
 *
 * <p>{@link Collation} is fixed when a store is created (the engine's text type depends on it); the
 * others may be changed on a running store with {@link CaspioStore#switches(Switches)}.
 *
 * @param collation how text compares in fragments
 * @param nullText how a NULL text value is rendered
 * @param limitWithPaging what {@code q.limit} does when paging parameters are present
 * @param dateInput which Date/Time forms a record body may use
 * @param listWrite which forms a list field's ids may take in a record body
 * @param badSelectField the status of an unknown field in {@code q.select}
 * @param unknownBodyField the error code of an unknown key in a record body
 * @param writeErrorStatus the status of a read-only field or a bad value in a record body
 * @param paginationBlock when a v3 records reply carries its {@code Pagination} block
 * @param tokenErrorBody the body of a refused token request
 * @param v2PkId whether a v2 {@code select *} row carries {@code PK_ID}
 * @param unknownQueryParam what an unknown {@code q.*} parameter of a records GET does
 * @param legacyQueryJson what the v1 {@code q={json}} parameter does on v2 and v3
 * @param bodyKeyCase how a record body key must match its field name
 */
public record Switches(
    Collation collation,
    NullText nullText,
    LimitWithPaging limitWithPaging,
    DateInput dateInput,
    ListWrite listWrite,
    BadSelectField badSelectField,
    UnknownBodyField unknownBodyField,
    WriteErrorStatus writeErrorStatus,
    PaginationBlock paginationBlock,
    TokenErrorBody tokenErrorBody,
    V2PkId v2PkId,
    UnknownQueryParam unknownQueryParam,
    LegacyQueryJson legacyQueryJson,
    BodyKeyCase bodyKeyCase) {

  /** The defaults: the emulator's strict reading of every uncertain fact. */
  public static final Switches STRICT =
      new Switches(
          Collation.CASE_INSENSITIVE,
          NullText.AS_NULL,
          LimitWithPaging.IGNORED,
          DateInput.STRICT,
          ListWrite.ARRAY_OR_STRING,
          BadSelectField.STATUS_500,
          UnknownBodyField.FIELD_NOT_FOUND,
          WriteErrorStatus.STATUS_400,
          PaginationBlock.WHEN_ASKED,
          TokenErrorBody.RFC_6749,
          V2PkId.INCLUDED,
          UnknownQueryParam.IGNORED,
          LegacyQueryJson.REJECTED,
          BodyKeyCase.CASE_INSENSITIVE);

  /** No switch may be null. */
  public Switches {
    Objects.requireNonNull(collation, "collation");
    Objects.requireNonNull(nullText, "nullText");
    Objects.requireNonNull(limitWithPaging, "limitWithPaging");
    Objects.requireNonNull(dateInput, "dateInput");
    Objects.requireNonNull(listWrite, "listWrite");
    Objects.requireNonNull(badSelectField, "badSelectField");
    Objects.requireNonNull(unknownBodyField, "unknownBodyField");
    Objects.requireNonNull(writeErrorStatus, "writeErrorStatus");
    Objects.requireNonNull(paginationBlock, "paginationBlock");
    Objects.requireNonNull(tokenErrorBody, "tokenErrorBody");
    Objects.requireNonNull(v2PkId, "v2PkId");
    Objects.requireNonNull(unknownQueryParam, "unknownQueryParam");
    Objects.requireNonNull(legacyQueryJson, "legacyQueryJson");
    Objects.requireNonNull(bodyKeyCase, "bodyKeyCase");
  }

  /**
   * Text comparison in {@code q.where} and the other fragments. SQL Server's default collation is
   * case-insensitive and ignores trailing blanks (caspio-api.md 7.3, [INF]); the account check's
   * {@code 'a'='A'} probe tests it. Trailing blanks stay ignored either way.
   */
  public enum Collation {
    /** {@code 'a' = 'A'}: SQL Server's default CI collation (default). */
    CASE_INSENSITIVE,
    /** {@code 'a' <> 'A'}: an account on a case-sensitive collation. */
    CASE_SENSITIVE
  }

  /**
   * How a text value stored as NULL comes back (caspio-api.md 5.3, section 9 item 4: one sample
   * shows unset text as {@code ""}). The store already keeps unset text as {@code ''}; this decides
   * only the rendering of a real NULL, which the check's "NULL text" probe reads.
   */
  public enum NullText {
    /**
     * JSON {@code null}, so that {@code IS NULL} matches exactly the rows shown as null (default).
     */
    AS_NULL,
    /** {@code ""}: NULL and empty text look alike in replies. */
    AS_EMPTY_STRING
  }

  /**
   * {@code q.limit} sent with {@code q.pageNumber} or {@code q.pageSize} (caspio-api.md 4.1,
   * section 9 item 5: the spec says ignored, one client saw overlapping pages).
   */
  public enum LimitWithPaging {
    /** The spec: paging wins and the limit is ignored (default). */
    IGNORED,
    /** The limit replaces the page size, so pages of a stepped page size overlap or leave gaps. */
    REPLACES_PAGE_SIZE
  }

  /**
   * Date/Time values in record bodies (caspio-api.md 5.2, section 9 item 8: only {@code yyyy-MM-dd}
   * and {@code yyyy-MM-ddTHH:mm:ss} are known to work; a trailing {@code Z} was "rejected or
   * mangled").
   */
  public enum DateInput {
    /**
     * Only the two known forms; offsets, {@code Z}, fractions and {@code ""} are refused (default).
     */
    STRICT,
    /** Also fractions, {@code Z} and offsets, which are dropped: the wall-clock time is kept. */
    DROP_FRACTION_AND_OFFSET
  }

  /**
   * A list field's item ids in a record body (caspio-api.md 5.3, section 9 item 9: the v1/v2 docs
   * send an array, Caspio's own v3 node the string {@code "[1], [3]"}). Both are accepted by
   * default because the notes recommend it; the narrower settings model an account that takes one.
   */
  public enum ListWrite {
    /** {@code [1,3]} or {@code "[1], [3]"} (default). */
    ARRAY_OR_STRING,
    /** Only {@code [1,3]}. */
    ARRAY_ONLY,
    /** Only {@code "[1], [3]"}. */
    STRING_ONLY
  }

  /**
   * An unknown name in {@code q.select} (caspio-api.md 4.3: HTTP 500, one source; the v3 error
   * catalogue is open, section 9 item 2). The account check's error-envelope probe reads it.
   */
  public enum BadSelectField {
    /** 500 {@code InternalError}, as reported (default). */
    STATUS_500,
    /** 400 {@code SqlServerError}, as for an unknown name elsewhere in a fragment. */
    STATUS_400
  }

  /**
   * An unknown key in an insert or update body, which rejects the whole write (caspio-api.md 6.3:
   * {@code FieldNotFound} (404) or {@code ColumnNotFound}, both seen by one source). The account
   * check's scratch probe of an unknown key reads it.
   */
  public enum UnknownBodyField {
    /** 404 {@code FieldNotFound} (default). */
    FIELD_NOT_FOUND,
    /** 404 {@code ColumnNotFound}. */
    COLUMN_NOT_FOUND
  }

  /**
   * The status of {@code AlterReadOnlyData} (a generated field in a body) and {@code
   * InvalidInputValue} (a value of the wrong type) (caspio-api.md 6.3 and 5.3: 400 by one source,
   * 500 by another that may have been its own proxy). The scratch probe of a date with {@code Z}
   * reads it.
   */
  public enum WriteErrorStatus {
    /** 400 (default). */
    STATUS_400,
    /** 500, same codes. */
    STATUS_500
  }

  /**
   * Whether a v3 records GET that does not send {@code q.getPaginationInfo} still gets the {@code
   * Pagination} block (caspio-api.md 5.1, section 9 item 6: documented only behind the parameter).
   * The account check reads it off its control query.
   */
  public enum PaginationBlock {
    /** Only with {@code q.getPaginationInfo=true} (default). */
    WHEN_ASKED,
    /** Also when the parameter is absent. */
    ALSO_UNASKED
  }

  /**
   * The body of a refused {@code POST /oauth/token}: bad client credentials, a bad refresh token,
   * an unknown grant (caspio-api.md 2.8, section 9 item 1: undocumented; the notes infer an
   * OWIN-style server). Statuses stay as they are either way, so the driver, which treats any
   * non-200 from the token endpoint as a failed login, must answer both alike. No account-check
   * probe reads it: the check's budget is fixed and a refused login would cost a token request it
   * does not otherwise make.
   */
  public enum TokenErrorBody {
    /** {@code {"error":"invalid_client","error_description":…}}, RFC 6749 5.2 (default). */
    RFC_6749,
    /**
     * Caspio's own error envelope of caspio-api.md 6.2 ({@code Code}, {@code Message}, {@code
     * Resource}, {@code RequestId}), with the RFC error name as the {@code Code}: what a server
     * that wraps every failure in its envelope would send.
     */
    CASPIO_ENVELOPE
  }

  /**
   * Whether a v2 records GET without {@code q.select} (or with {@code q.select=*}) carries {@code
   * PK_ID} in its rows (caspio-api.md section 9 item 7: v3 includes it, v2 samples do not show it).
   * The default keeps the emulator's behaviour before this switch: v2 rows as v3 rows. The account
   * check reads only v3, so no probe observes it.
   */
  public enum V2PkId {
    /** {@code PK_ID} is in every {@code select *} row, as in v3 (default). */
    INCLUDED,
    /** {@code PK_ID} is left out of {@code select *} rows; naming it in {@code q.select} works. */
    OMITTED
  }

  /**
   * An unknown {@code q.X} parameter on a records GET, such as {@code q.skip} (caspio-api.md 4.1,
   * section 9 item 10: one client's {@code q.skip} was silently ignored; on v2 the v3-only {@code
   * q.getPaginationInfo} is unknown too). The default is that evidence rather than the strict
   * reading, because the emulator's URI-length tests pad their URIs with {@code q.skip} and would
   * fail under 400 for a reason unrelated to this fact. Plain names without {@code q.} are not
   * checked. No account-check probe reads it (its budget is fixed).
   */
  public enum UnknownQueryParam {
    /** Ignored, as one client saw (default). */
    IGNORED,
    /** 400 {@code IncorrectQueryParameter} naming the parameter. */
    REJECTED
  }

  /**
   * The v1 {@code q={"select":…,"where":…}} parameter sent to v2 or v3 (caspio-api.md 4.4, section
   * 9 item 10: the v2/v3 Swagger does not list it; whether it is parsed is unknown). Strict
   * default: refused, so that a client relying on it finds out here and not on an account that
   * would silently return every row. No account-check probe reads it (its budget is fixed).
   */
  public enum LegacyQueryJson {
    /** 400 {@code IncorrectQueryParameter}: the strict reading (default). */
    REJECTED,
    /** Silently ignored, as an unknown parameter is: every row comes back unfiltered. */
    IGNORED,
    /**
     * Read as v1 did: its keys ({@code select}, {@code where}, {@code groupby}, {@code orderby},
     * {@code limit}, {@code pageNumber}, {@code pageSize}, case-insensitive) stand for the {@code
     * q.X} of the same name; one given both ways is refused as a parameter sent twice.
     */
    PARSED
  }

  /**
   * How a key of an insert or update body must match its field's name (caspio-api.md section 9 item
   * 11: inferred, not observed). Replies always carry the field's defined name whatever case the
   * request used. The default keeps the emulator's behaviour before this switch, which the notes'
   * ASP.NET binding suggests. No account-check probe reads it: a write probe costs scratch calls
   * the fixed budget does not have.
   */
  public enum BodyKeyCase {
    /** {@code "title"} writes field {@code Title} (default). */
    CASE_INSENSITIVE,
    /** Only {@code "Title"}: another case is an unknown key (404, {@link UnknownBodyField}). */
    EXACT
  }

  /** The switch names {@link #with(String)} takes, each with its values, for help texts. */
  public static String names() {
    return "collation="
        + java.util.Arrays.toString(Collation.values())
        + " nullText="
        + java.util.Arrays.toString(NullText.values())
        + " limitWithPaging="
        + java.util.Arrays.toString(LimitWithPaging.values())
        + " dateInput="
        + java.util.Arrays.toString(DateInput.values())
        + " listWrite="
        + java.util.Arrays.toString(ListWrite.values())
        + " badSelectField="
        + java.util.Arrays.toString(BadSelectField.values())
        + " unknownBodyField="
        + java.util.Arrays.toString(UnknownBodyField.values())
        + " writeErrorStatus="
        + java.util.Arrays.toString(WriteErrorStatus.values())
        + " paginationBlock="
        + java.util.Arrays.toString(PaginationBlock.values())
        + " tokenErrorBody="
        + java.util.Arrays.toString(TokenErrorBody.values())
        + " v2PkId="
        + java.util.Arrays.toString(V2PkId.values())
        + " unknownQueryParam="
        + java.util.Arrays.toString(UnknownQueryParam.values())
        + " legacyQueryJson="
        + java.util.Arrays.toString(LegacyQueryJson.values())
        + " bodyKeyCase="
        + java.util.Arrays.toString(BodyKeyCase.values());
  }

  /**
   * These switches with one set from its text form {@code name=VALUE} (say {@code
   * nullText=AS_EMPTY_STRING}), for the emulator's command line.
   *
   * @throws IllegalArgumentException for an unknown name or value
   */
  public Switches with(String nameAndValue) {
    int eq = nameAndValue.indexOf('=');
    String name = eq < 0 ? nameAndValue : nameAndValue.substring(0, eq);
    String value = eq < 0 ? "" : nameAndValue.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
    try {
      switch (name.trim()) {
        case "collation":
          return with(Collation.valueOf(value));
        case "nullText":
          return with(NullText.valueOf(value));
        case "limitWithPaging":
          return with(LimitWithPaging.valueOf(value));
        case "dateInput":
          return with(DateInput.valueOf(value));
        case "listWrite":
          return with(ListWrite.valueOf(value));
        case "badSelectField":
          return with(BadSelectField.valueOf(value));
        case "unknownBodyField":
          return with(UnknownBodyField.valueOf(value));
        case "writeErrorStatus":
          return with(WriteErrorStatus.valueOf(value));
        case "paginationBlock":
          return with(PaginationBlock.valueOf(value));
        case "tokenErrorBody":
          return with(TokenErrorBody.valueOf(value));
        case "v2PkId":
          return with(V2PkId.valueOf(value));
        case "unknownQueryParam":
          return with(UnknownQueryParam.valueOf(value));
        case "legacyQueryJson":
          return with(LegacyQueryJson.valueOf(value));
        case "bodyKeyCase":
          return with(BodyKeyCase.valueOf(value));
        default:
          throw new IllegalArgumentException("unknown switch " + name + "; switches: " + names());
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("unknown switch")) {
        throw e;
      }
      throw new IllegalArgumentException(
          "bad value for switch " + name + ": " + value + "; switches: " + names(), e);
    }
  }

  /**
   * These switches with one of them set to {@code value}: the switch whose type {@code value} has.
   *
   * @throws IllegalArgumentException when {@code value} is no switch's setting
   */
  public Switches with(Enum<?> value) {
    if (!isSetting(value)) {
      throw new IllegalArgumentException(value.getDeclaringClass() + " is not a switch");
    }
    return new Switches(
        pick(value, collation),
        pick(value, nullText),
        pick(value, limitWithPaging),
        pick(value, dateInput),
        pick(value, listWrite),
        pick(value, badSelectField),
        pick(value, unknownBodyField),
        pick(value, writeErrorStatus),
        pick(value, paginationBlock),
        pick(value, tokenErrorBody),
        pick(value, v2PkId),
        pick(value, unknownQueryParam),
        pick(value, legacyQueryJson),
        pick(value, bodyKeyCase));
  }

  private boolean isSetting(Enum<?> value) {
    for (Enum<?> current :
        List.of(
            collation,
            nullText,
            limitWithPaging,
            dateInput,
            listWrite,
            badSelectField,
            unknownBodyField,
            writeErrorStatus,
            paginationBlock,
            tokenErrorBody,
            v2PkId,
            unknownQueryParam,
            legacyQueryJson,
            bodyKeyCase)) {
      if (current.getDeclaringClass() == value.getDeclaringClass()) {
        return true;
      }
    }
    return false;
  }

  /** {@code value} when it sets the same switch as {@code current}, else {@code current}. */
  @SuppressWarnings("unchecked")
  private static <E extends Enum<E>> E pick(Enum<?> value, E current) {
    return current.getDeclaringClass() == value.getDeclaringClass() ? (E) value : current;
  }
}
