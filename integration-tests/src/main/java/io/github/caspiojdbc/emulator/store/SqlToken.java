/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One lexical token of a T-SQL fragment, and the tokenizer that produces them. The tokenizer is
 * deliberately narrow: it knows string literals ({@code '…'} with doubled quotes, optionally {@code
 * N}-prefixed), numbers, plain/bracketed/double-quoted identifiers and a handful of operators, and
 * refuses everything else, so nothing can hide a second statement, a comment, a parameter marker or
 * an H2-only construct from the validator.
 *
 * @param kind token kind
 * @param text source text (identifier name without its quotes; a literal with its quotes)
 * @param quoted whether the identifier was bracketed or double-quoted in the source
 */
record SqlToken(Kind kind, String text, boolean quoted) {

  /** Token kinds. */
  enum Kind {
    WORD,
    STRING,
    NUMBER,
    OPERATOR,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    STAR
  }

  boolean is(Kind k) {
    return kind == k;
  }

  boolean isWord(String upper) {
    return kind == Kind.WORD && !quoted && text.equalsIgnoreCase(upper);
  }

  /**
   * Splits a fragment into tokens.
   *
   * @throws StoreException 400 {@code IncorrectQueryParameter} for anything outside the accepted
   *     lexicon
   */
  static List<SqlToken> tokenize(String sql) {
    List<SqlToken> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        i++;
      } else if (c == '\'' || ((c == 'N' || c == 'n') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
        int start = i;
        i = c == '\'' ? i + 1 : i + 2;
        while (true) {
          if (i >= n) {
            throw reject("Unclosed quotation mark in the query fragment");
          }
          if (sql.charAt(i) == '\'') {
            if (i + 1 < n && sql.charAt(i + 1) == '\'') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          i++;
        }
        out.add(new SqlToken(Kind.STRING, sql.substring(start, i), false));
      } else if (isIdentStart(c)) {
        int start = i;
        while (i < n && isIdentPart(sql.charAt(i))) {
          i++;
        }
        out.add(new SqlToken(Kind.WORD, sql.substring(start, i), false));
      } else if (c == '[' || c == '"') {
        char close = c == '[' ? ']' : '"';
        int end = sql.indexOf(close, i + 1);
        if (end < 0) {
          throw reject("Unclosed quoted identifier in the query fragment");
        }
        String name = sql.substring(i + 1, end);
        if (name.isEmpty() || !name.chars().allMatch(ch -> isIdentPart((char) ch))) {
          throw reject("Invalid quoted identifier in the query fragment");
        }
        out.add(new SqlToken(Kind.WORD, name, true));
        i = end + 1;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)))) {
        int start = i;
        while (i < n && isDigit(sql.charAt(i))) {
          i++;
        }
        if (i < n && sql.charAt(i) == '.') {
          i++;
          while (i < n && isDigit(sql.charAt(i))) {
            i++;
          }
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
          int mark = i++;
          if (i < n && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
            i++;
          }
          if (i >= n || !isDigit(sql.charAt(i))) {
            i = mark;
          }
          while (i < n && isDigit(sql.charAt(i))) {
            i++;
          }
        }
        if (i < n && isIdentPart(sql.charAt(i))) {
          // 0x1F, 1abc: not plain decimal numbers.
          throw reject("Invalid number in the query fragment");
        }
        out.add(new SqlToken(Kind.NUMBER, sql.substring(start, i), false));
      } else {
        i = operator(sql, i, out);
      }
    }
    return out;
  }

  private static int operator(String sql, int i, List<SqlToken> out) {
    char c = sql.charAt(i);
    char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
    switch (c) {
      case '(':
        out.add(new SqlToken(Kind.LPAREN, "(", false));
        return i + 1;
      case ')':
        out.add(new SqlToken(Kind.RPAREN, ")", false));
        return i + 1;
      case ',':
        out.add(new SqlToken(Kind.COMMA, ",", false));
        return i + 1;
      case '.':
        out.add(new SqlToken(Kind.DOT, ".", false));
        return i + 1;
      case '*':
        if (next == '/') {
          throw reject("Comments are not allowed in query fragments");
        }
        out.add(new SqlToken(Kind.STAR, "*", false));
        return i + 1;
      case '-':
        if (next == '-') {
          throw reject("Comments are not allowed in query fragments");
        }
        out.add(new SqlToken(Kind.OPERATOR, "-", false));
        return i + 1;
      case '/':
        if (next == '*') {
          throw reject("Comments are not allowed in query fragments");
        }
        out.add(new SqlToken(Kind.OPERATOR, "/", false));
        return i + 1;
      case '+':
      case '%':
        out.add(new SqlToken(Kind.OPERATOR, String.valueOf(c), false));
        return i + 1;
      case '=':
        out.add(new SqlToken(Kind.OPERATOR, "=", false));
        return i + 1;
      case '<':
        if (next == '=' || next == '>') {
          out.add(new SqlToken(Kind.OPERATOR, "<" + next, false));
          return i + 2;
        }
        out.add(new SqlToken(Kind.OPERATOR, "<", false));
        return i + 1;
      case '>':
        if (next == '=') {
          out.add(new SqlToken(Kind.OPERATOR, ">=", false));
          return i + 2;
        }
        out.add(new SqlToken(Kind.OPERATOR, ">", false));
        return i + 1;
      case '!':
        if (next == '=') {
          out.add(new SqlToken(Kind.OPERATOR, "<>", false));
          return i + 2;
        }
        throw reject("Unsupported operator '!' in the query fragment");
      case ';':
        throw reject("Only one statement fragment is allowed (';' found)");
      default:
        throw reject("Unexpected character '" + c + "' in the query fragment");
    }
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A name as H2 must read it: double-quoted, the inverse of reading a {@code "quoted"} word. Every
   * identifier the emulator emits goes through here, so a name that is an H2 keyword ({@code Year})
   * still names the field.
   */
  static String quote(String name) {
    return '"' + name + '"';
  }

  private static StoreException reject(String message) {
    return new StoreException(400, "IncorrectQueryParameter", message);
  }
}
