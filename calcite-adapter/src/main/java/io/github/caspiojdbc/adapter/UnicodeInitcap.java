/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

/**
 * {@code INITCAP} over Unicode: the first character of every word in title case, the rest in lower
 * case, where a word is a run of letters, digits and combining marks (any script) and every other
 * character separates words. Calcite's own implementation knows only {@code [A-Za-z0-9]}, so it
 * splits {@code straße} at the {@code ß} and never capitalises {@code élan}; for ASCII text both
 * give the same result. Case mappings are those of single code points, the same in every locale.
 *
 * <p>Public only because the code Calcite generates for a statement calls {@link #initcap}; it is
 * not part of the driver's API. {@link CaspioConvertlets} routes {@code INITCAP} here.
 */
public final class UnicodeInitcap {
  private UnicodeInitcap() {}

  /** The capitalised text, or null for null. */
  public static String initcap(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean inWord = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isWordPart(cp)) {
        out.appendCodePoint(inWord ? Character.toLowerCase(cp) : Character.toTitleCase(cp));
        inWord = true;
      } else {
        out.appendCodePoint(cp);
        inWord = false;
      }
    }
    return out.toString();
  }

  private static boolean isWordPart(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    // An accent written as a separate combining mark belongs to the letter before it.
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}
