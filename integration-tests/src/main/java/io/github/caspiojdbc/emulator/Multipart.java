/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts. The boundary is taken from
 * the body's first line, which RFC 2046 makes the first delimiter when there is no preamble; a body
 * with a preamble, or one that does not end with the closing delimiter, is refused with 400.
 */
final class Multipart {
  /**
   * One part.
   *
   * @param name the form field name
   * @param fileName the file name, null when the part is not a file
   * @param contentType the part's media type, {@code application/octet-stream} when not sent
   * @param bytes the part's content
   */
  record Part(String name, String fileName, String contentType, byte[] bytes) {}

  private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
  private static final byte[] CRLF = {'\r', '\n'};

  private Multipart() {}

  static List<Part> parse(byte[] body) {
    int firstEnd = indexOf(body, CRLF, 0);
    if (body.length < 4 || body[0] != '-' || body[1] != '-' || firstEnd < 3) {
      throw bad();
    }
    byte[] delimiter = concat(CRLF, Arrays.copyOfRange(body, 0, firstEnd));
    List<Part> parts = new ArrayList<>();
    int pos = firstEnd + 2;
    while (true) {
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos);
      if (headersEnd < 0) {
        throw bad();
      }
      String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      int next = indexOf(body, delimiter, contentStart);
      if (next < 0) {
        throw bad();
      }
      parts.add(part(headers, Arrays.copyOfRange(body, contentStart, next)));
      int after = next + delimiter.length;
      if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
        return parts;
      }
      if (after + 1 >= body.length || body[after] != '\r' || body[after + 1] != '\n') {
        throw bad();
      }
      pos = after + 2;
    }
  }

  private static Part part(String headers, byte[] content) {
    String disposition = null;
    String type = "application/octet-stream";
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw bad();
      }
      String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (header.equals("content-disposition")) {
        disposition = value;
      } else if (header.equals("content-type")) {
        type = value;
      }
    }
    if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
      throw bad();
    }
    Matcher name = NAME.matcher(disposition);
    if (!name.find()) {
      throw bad();
    }
    Matcher file = FILE_NAME.matcher(disposition);
    return new Part(name.group(1), file.find() ? file.group(1) : null, type, content);
  }

  private static ApiException bad() {
    return ApiException.badBody("The request body is not valid multipart/form-data.");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
