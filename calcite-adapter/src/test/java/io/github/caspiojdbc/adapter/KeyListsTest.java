/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How key lists are cut into runs that each fit one request. */
class KeyListsTest {

  private static List<String> keys(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }

  @Test
  void split_keepsOrderAndEveryKey_withinTheRoom() {
    List<List<String>> runs =
        KeyLists.split(keys(100), 50, k -> k.length() + 1, run -> length(run) <= 50);
    assertEquals(keys(100), runs.stream().flatMap(List::stream).toList());
    for (List<String> run : runs) {
      assertEquals(true, length(run) <= 50, run.toString());
    }
    // 9 one-digit keys (18) + 91 two-digit keys (273): 291 characters in runs of at most 50.
    assertEquals(7, runs.size());
  }

  @Test
  void split_halvesARunTheEstimateGotWrong() {
    // The estimate says everything fits in one run; the real check allows 30 keys at most.
    List<List<String>> runs = KeyLists.split(keys(100), 10_000, k -> 1, run -> run.size() <= 30);
    assertEquals(keys(100), runs.stream().flatMap(List::stream).toList());
    assertEquals(List.of(25, 25, 25, 25), runs.stream().map(List::size).toList());
  }

  @Test
  void split_givesNull_whenOneKeyAloneDoesNotFit() {
    assertNull(KeyLists.split(List.of("1", "22222", "3"), 100, k -> 1, run -> length(run) < 4));
  }

  @Test
  void split_ofNothing_isNoRun() {
    assertEquals(List.of(), KeyLists.split(List.of(), 10, k -> 1, run -> true));
  }

  private static int length(List<String> run) {
    return run.stream().mapToInt(k -> k.length() + 1).sum();
  }
}
