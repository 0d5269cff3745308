/**
 * The Calcite side of the driver: the Caspio schema and tables, and the rules and relational
 * operators that push filters, projections, sorts, limits and aggregates down to Caspio as the
 * T-SQL fragments of a REST query ({@code q.where}, {@code q.select}, {@code q.orderBy}, {@code
 * q.groupBy}) without ever changing a query's result.
 */
package io.github.caspiojdbc.adapter;
