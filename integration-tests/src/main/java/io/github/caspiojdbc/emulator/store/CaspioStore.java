/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * One emulated Caspio account: its tables, views and records, with Caspio's REST semantics
 * (caspio-api.md sections 3-7) and none of its HTTP. Fragments of {@code q.where}, {@code
 * q.select}, {@code q.groupBy} and {@code q.orderBy} are validated by {@link FragmentRewriter} and
 * evaluated by H2 in MSSQLServer mode with case-insensitive text; paging runs in the engine as
 * OFFSET/FETCH. Thread-safe: reads run concurrently on pooled connections; writes are serialized so
 * that PK_ID and autonumber counters stay gap-free under contention.
 *
 * <p>SQL Server semantics reproduced on top of H2: case-insensitive names and text (IGNORECASE,
 * also for the results of string functions); trailing blanks ignored when a text field is compared
 * with a literal ({@code =}, {@code <>}, {@code IN}) or in {@code field IN (SELECT field …)} (a
 * join reduction's subquery), in LIKE, and when a text field is a plain GROUP BY item; LIKE bracket
 * classes and a literal backslash; one NULL per unique index unless UniqueAllowNulls.
 *
 * <p>Known differences, by H2's limits: trailing blanks still count in DISTINCT, ORDER BY and other
 * field-to-field comparisons; {@code LEN} counts trailing blanks; T-SQL functions H2 lacks ({@code
 * DATEPART}, {@code IIF}, {@code FORMAT}, …) and date literals H2 cannot parse ({@code
 * '01/31/2024'}) answer 400 {@code SqlServerError}; {@code GETDATE()} is UTC; a view is
 * materialized by H2 for every query, so paging a large view costs a scan of it.
 *
 * <p>Facts about Caspio the notes leave open are answered by named {@link Switches}, strict by
 * default; the collation is chosen when the store is made, the others may change while it runs.
 *
 * <p>This class is only the account's public face, kept so that routers and tests see one object.
 * The work is done behind it, one room per responsibility: {@link Schema} (tables, views, the names
 * fragments may use), {@link RecordReader} (queries, paging, aggregates, rendering), {@link
 * RecordWriter} (inserts, updates, deletes, passwords; bodies checked by {@link RecordBody}) and
 * {@link BulkLoad} (unchecked sample rows).
 */
public final class CaspioStore implements AutoCloseable {
  private final Database db;
  // Schema changes, writes and bulk loads take this one lock: counters stay gap-free and no write
  // ever sees half a schema change.
  private final Object writeLock = new Object();
  private final Schema schema;
  private final RecordReader reader;
  private final RecordWriter writer;
  private final FileArea files;
  private final AttachmentArea attachments;
  private volatile Switches switches;

  CaspioStore(Clock clock, Random random) {
    this(clock, random, Switches.STRICT);
  }

  CaspioStore(Clock clock, Random random, Switches switches) {
    this.switches = java.util.Objects.requireNonNull(switches, "switches");
    this.db = new Database(switches.collation() == Switches.Collation.CASE_INSENSITIVE);
    this.schema = new Schema(db, writeLock);
    this.reader = new RecordReader(db, schema, this::switches);
    this.attachments = new AttachmentArea(schema, reader, writeLock, clock);
    this.writer =
        new RecordWriter(
            db,
            schema,
            reader,
            new Generators(random, clock),
            writeLock,
            this::switches,
            attachments);
    this.files = new FileArea(clock);
  }

  /** An empty account. */
  public static CaspioStore inMemory() {
    return inMemory(Switches.STRICT);
  }

  /** An empty account answering the uncertain facts as {@code switches} say. */
  public static CaspioStore inMemory(Switches switches) {
    return new CaspioStore(Clock.systemUTC(), new SecureRandom(), switches);
  }

  /** The switches in force. */
  public Switches switches() {
    return switches;
  }

  /**
   * Changes the switches of a running store, for the next call on; a test flips one, runs, and sets
   * the old ones back.
   *
   * @throws IllegalArgumentException when {@code next} has another collation, which is fixed when
   *     the store is created
   */
  public void switches(Switches next) {
    if (next.collation() != switches.collation()) {
      throw new IllegalArgumentException(
          "The collation is fixed when the store is created; build one with it instead.");
    }
    this.switches = next;
  }

  /**
   * An account holding the sample application described in {@link SampleData}, identical for equal
   * arguments.
   *
   * @param seed seed of every generated value
   * @param largestTableRows rows of the largest table (OrderItems); the others scale with it
   */
  public static CaspioStore withSampleData(long seed, int largestTableRows) {
    return withSampleData(seed, largestTableRows, Switches.STRICT);
  }

  /** {@link #withSampleData(long, int)} answering the uncertain facts as {@code switches} say. */
  public static CaspioStore withSampleData(long seed, int largestTableRows, Switches switches) {
    CaspioStore store = new CaspioStore(Clock.systemUTC(), new Random(seed), switches);
    try {
      SampleData.populate(store, seed, largestTableRows);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** The account's Files area (research notes 3.6), apart from its tables. */
  public FileArea files() {
    return files;
  }

  /**
   * The files of the account's ATTACHMENT fields (research notes 3.7), kept beside the records they
   * belong to; deleting a record deletes its attachments.
   */
  public AttachmentArea attachments() {
    return attachments;
  }

  /** Table names in declared casing, in creation order. */
  public List<String> tableNames() {
    return schema.tableNames();
  }

  /** View names in declared casing, in creation order. */
  public List<String> viewNames() {
    return schema.viewNames();
  }

  /**
   * {@code {"Name":…,"Note":…}} of a table or view.
   *
   * @throws StoreException 404 {@code ObjectNotFound} for an unknown name
   */
  public ObjectNode describe(ObjectKind kind, String name) {
    return schema.describe(kind, name);
  }

  /**
   * Field definitions in display order ({@code PK_ID} is never listed).
   *
   * @throws StoreException 404 {@code ObjectNotFound} for an unknown name
   */
  public ArrayNode fields(ObjectKind kind, String name, ApiVersion version) {
    return schema.fields(kind, name, version);
  }

  /** Names of the table's PASSWORD fields. */
  public List<String> passwordFields(String table) {
    return schema.passwordFields(table);
  }

  /**
   * {@code GET …/records}.
   *
   * @throws StoreException 404 for an unknown object; 400 {@code IncorrectQueryParameter} for
   *     paging out of range or a refused fragment; 400 {@code SqlServerError} when the engine
   *     rejects the query; 500 for an unknown name in {@code q.select}
   */
  public RecordPage query(ObjectKind kind, String name, RecordQuery q) {
    return reader.query(kind, name, q);
  }

  /**
   * {@code POST …/records}: inserts one record.
   *
   * @return the inserted row as {@code response=rows} shows it (an array of one; empty when a
   *     view's filter excludes the new row)
   * @throws StoreException 404 {@code FieldNotFound} for an unknown key, 400 {@code
   *     AlterReadOnlyData} for a generated field, 400 {@code InvalidInputValue} for a value of the
   *     wrong type, 400 {@code SqlServerError} for a unique violation; the whole insert is then
   *     rejected
   */
  public ArrayNode insert(ObjectKind kind, String name, ObjectNode body) {
    try {
      return writer.insert(kind, name, body);
    } catch (StoreException e) {
      throw asSwitched(e);
    }
  }

  /**
   * {@code PUT …/records}: updates every record matching {@code where}.
   *
   * @throws StoreException as {@link #insert}, plus 400 {@code IncorrectQueryParameter} for a blank
   *     where and 400 {@code IncorrectBodyParameter} for an empty body or a password field
   */
  public WriteResult update(
      ObjectKind kind, String name, String where, ObjectNode body, boolean returnRows) {
    try {
      return writer.update(kind, name, where, body, returnRows);
    } catch (StoreException e) {
      throw asSwitched(e);
    }
  }

  /**
   * A write error as the body-error switches say ({@link Switches#unknownBodyField}, {@link
   * Switches#writeErrorStatus}): decided here, where every write of every generation passes, so
   * that the places that raise these errors stay as they were.
   */
  private StoreException asSwitched(StoreException e) {
    Switches s = switches;
    if (e.code().equals("FieldNotFound")
        && s.unknownBodyField() == Switches.UnknownBodyField.COLUMN_NOT_FOUND) {
      return new StoreException(e.status(), "ColumnNotFound", e.getMessage());
    }
    boolean bodyError =
        e.code().equals("AlterReadOnlyData") || e.code().equals("InvalidInputValue");
    if (bodyError
        && e.status() == 400
        && s.writeErrorStatus() == Switches.WriteErrorStatus.STATUS_500) {
      return new StoreException(500, e.code(), e.getMessage());
    }
    return e;
  }

  /**
   * {@code DELETE …/records}: deletes every record matching {@code where}, and their attachments.
   *
   * @return the number of records deleted (0 is a success)
   */
  public int delete(ObjectKind kind, String name, String where) {
    return writer.delete(kind, name, where);
  }

  /**
   * Checks that records of the object may be written, before a call that writes many of them.
   *
   * @throws StoreException 404 {@code ObjectNotFound} for an unknown name, 400 {@code
   *     AlterReadOnlyData} for a read-only (multi-table) view
   */
  public void requireWritable(ObjectKind kind, String name) {
    schema.target(kind, name).requireWritable();
  }

  /**
   * REST v4's tautology guard for bulk updates and deletes; see {@link TautologyGuard} for exactly
   * what it refuses.
   *
   * @throws StoreException 400 {@code IncorrectQueryParameter} for a blank or always-true filter
   */
  public void requireScopedWhere(String where) {
    TautologyGuard.check(where);
  }

  /**
   * {@code PUT …/passwordFields/{field}}: sets the password of every matching record.
   *
   * @throws StoreException 404 {@code ObjectNotFound} when {@code field} is not a password field
   */
  public int setPassword(String table, String field, String where, String value) {
    if (value == null) {
      throw new StoreException(400, "IncorrectBodyParameter", "Value is required");
    }
    return writer.writePassword(table, field, where, Values.hashPassword(value));
  }

  /** {@code DELETE …/passwordFields/{field}}: clears the password of every matching record. */
  public int resetPassword(String table, String field, String where) {
    return writer.writePassword(table, field, where, null);
  }

  /**
   * Creates a table.
   *
   * @throws IllegalArgumentException when the name is taken or a formula is invalid
   */
  public void createTable(TableDef def) {
    schema.createTable(def);
  }

  /**
   * Creates a view over existing tables.
   *
   * @throws IllegalArgumentException for unknown tables or fields, password fields or a bad filter
   */
  public void createView(ViewDef def) {
    schema.createView(def);
  }

  /** Number of records in a table. */
  public long rowCount(String table) {
    return reader.rowCount(table);
  }

  @Override
  public void close() {
    db.close();
  }

  /**
   * Bulk-loads trusted rows without validation, as the sample data is loaded (also for suites and
   * benchmarks that need large tables of their own); see {@link BulkLoad#load} for the row layout.
   */
  public void load(String tableName, Iterator<Object[]> rows) {
    BulkLoad.load(db, writeLock, schema.table(tableName), rows);
  }

  /** Whether {@code clear} is the stored password of record {@code pkId} (tests only). */
  public boolean passwordMatches(String tableName, String field, long pkId, String clear) {
    return reader.passwordMatches(tableName, field, pkId, clear);
  }
}
