/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import org.apache.calcite.rel.RelNode;

/**
 * A relational operator that Caspio evaluates. Each one describes the whole request its subtree
 * needs as an immutable {@link ScanSpec}, built from its input's spec when the rule that created it
 * fired.
 *
 * <p>Caspio operators are logical (convention NONE) on purpose: a rule matching a logical operator
 * over a Caspio operator then finds it in the logical input set, so several operators stack up in
 * one request. The only physical form is {@link CaspioEnumerableScan}, a leaf that carries the
 * finished spec.
 */
public interface CaspioRel extends RelNode {

  /** The request this subtree sends. */
  ScanSpec spec();
}
