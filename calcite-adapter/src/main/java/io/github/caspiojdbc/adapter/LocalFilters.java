/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;

/**
 * Finds, in a physical plan, the predicates Calcite evaluates on the rows of a Caspio read because
 * Caspio could not: a filter directly above a Caspio read ({@link CaspioLeaf}). Every row of such a
 * read crosses the network only to be filtered out here, which costs calls; the driver turns each
 * into a warning, or with {@code pushdown=strict} into an error before anything is sent.
 *
 * <p>{@link CaspioPrepare} announces the local filters of every plan it hands out, made now or
 * taken from the connection's {@link PlanCache}, to the watchers of the preparing thread ({@link
 * #watch}). A plan taken from the cache was not optimised again, so Calcite's own plan hook never
 * sees it; and the cache keeps these few strings rather than the plan tree with its planner.
 */
public final class LocalFilters {
  private static final Pattern INPUT_REF = Pattern.compile("\\$(\\d+)");

  /** The watchers of the current thread, innermost last. */
  private static final ThreadLocal<List<Consumer<List<LocalFilter>>>> WATCHERS =
      ThreadLocal.withInitial(ArrayList::new);

  private LocalFilters() {}

  /**
   * One predicate left to Calcite: the table read and the condition in the read's column names.
   *
   * @param table the Caspio table or view whose rows are filtered locally
   * @param condition the predicate, as Calcite prints it, with column names
   */
  public record LocalFilter(String table, String condition) {
    /** The sentence the warning and the error use. */
    public String describe() {
      return "The predicate "
          + condition
          + " on "
          + table
          + " could not be sent to Caspio: every row the read returns is fetched and then"
          + " filtered locally";
    }
  }

  /** A watcher registered by {@link #watch}; closing it ends the watch. */
  public static final class Watch implements AutoCloseable {
    private final Consumer<List<LocalFilter>> watcher;

    private Watch(Consumer<List<LocalFilter>> watcher) {
      this.watcher = watcher;
    }

    @Override
    public void close() {
      List<Consumer<List<LocalFilter>>> list = WATCHERS.get();
      list.remove(watcher);
      if (list.isEmpty()) {
        WATCHERS.remove();
      }
    }
  }

  /**
   * Calls {@code watcher}, on this thread and until the watch is closed, with the local filters of
   * each plan prepared or reused here, before it is executed. An exception from the watcher fails
   * the preparation (nothing has been sent yet).
   */
  public static Watch watch(Consumer<List<LocalFilter>> watcher) {
    WATCHERS.get().add(watcher);
    return new Watch(watcher);
  }

  /** Tells this thread's watchers about a plan's local filters (possibly none). */
  static void announce(List<LocalFilter> filters) {
    List<Consumer<List<LocalFilter>>> list = WATCHERS.get();
    if (list.isEmpty()) {
      WATCHERS.remove();
      return;
    }
    for (Consumer<List<LocalFilter>> w : List.copyOf(list)) {
      w.accept(filters);
    }
  }

  /** The local filters of {@code root}'s plan, in plan order. */
  public static List<LocalFilter> find(RelNode root) {
    List<LocalFilter> out = new ArrayList<>();
    visit(root, out);
    return out;
  }

  private static void visit(RelNode node, List<LocalFilter> out) {
    RexNode condition = null;
    if (node instanceof Filter f) {
      condition = f.getCondition();
    } else if (node instanceof Calc c && c.getProgram().getCondition() != null) {
      condition = c.getProgram().expandLocalRef(c.getProgram().getCondition());
    }
    if (condition != null && node.getInputs().size() == 1) {
      if (node.getInput(0) instanceof CaspioLeaf leaf) {
        out.add(new LocalFilter(leaf.tableName(), named(condition, leaf)));
      }
    }
    for (RelNode input : node.getInputs()) {
      visit(input, out);
    }
  }

  /** The condition with {@code $n} replaced by the scan's column names. */
  private static String named(RexNode condition, RelNode input) {
    List<String> names = input.getRowType().getFieldNames();
    Matcher m = INPUT_REF.matcher(condition.toString());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      m.appendReplacement(
          sb, Matcher.quoteReplacement(i < names.size() ? names.get(i) : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
