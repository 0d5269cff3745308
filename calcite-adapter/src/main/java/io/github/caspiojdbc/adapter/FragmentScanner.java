/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

/**
 * Checks the token structure of a rendered T-SQL fragment before it is sent: every string literal
 * and bracketed identifier is closed, and outside them there is no statement separator and no
 * comment opener. A last line of defence behind the dialect's escaping: a fragment that fails is
 * not pushed.
 */
final class FragmentScanner {

  private FragmentScanner() {}

  static boolean isWellFormed(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'') {
        i = skipQuoted(sql, i, '\'');
      } else if (c == '[') {
        i = skipQuoted(sql, i, ']');
      } else if (c == ';' || c == '"') {
        return false;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        return false;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        return false;
      } else if (c == '*' && i + 1 < n && sql.charAt(i + 1) == '/') {
        return false;
      } else {
        i++;
        continue;
      }
      if (i < 0) {
        return false;
      }
    }
    return true;
  }

  /** Index just past the closing {@code close} of the token opened at {@code start}, or -1. */
  private static int skipQuoted(String sql, int start, char close) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == close) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == close) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return -1;
  }
}
