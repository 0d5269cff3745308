/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Locale;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletRequestWrapper;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Shields WireMock from raw input it would crash on. WireMock decodes the query string and any form
 * body eagerly, before extensions run, and answers a bad percent escape with a Jetty 500 page
 * carrying a stack trace. This servlet filter, installed in front of WireMock's stub servlet:
 *
 * <ul>
 *   <li>rewrites each {@code %} not followed by two hex digits to {@code %25} and marks the request
 *       with {@value #BAD_QUERY_HEADER}, so {@link RequestHandler} can answer 400 itself;
 *   <li>reports a form-urlencoded Content-Type as {@code text/plain}, because the emulator parses
 *       token request bodies itself and WireMock's parse adds nothing but the crash.
 * </ul>
 *
 * <p>The wrapper only changes what WireMock sees; the emulator logs the request as rewritten. This
 * reaches into WireMock's shaded Jetty 11 classes, which the pinned WireMock version fixes.
 */
final class RawRequestGuard implements Filter {
  static final String BAD_QUERY_HEADER = "X-Caspio-Emulator-Bad-Query";

  /** Builds WireMock's Jetty 11 server with this filter in front of the stub servlet. */
  static final class ServerFactory implements HttpServerFactory {
    @Override
    public String getName() {
      return "caspio-emulator-jetty";
    }

    @Override
    public HttpServer buildHttpServer(
        Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
      return new Jetty11HttpServer(options, admin, stubs) {
        @Override
        protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
          context.addFilter(
              new FilterHolder(new RawRequestGuard()), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
      };
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest)) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletRequest http = (HttpServletRequest) request;
    String query = http.getQueryString();
    boolean badQuery = query != null && !hasValidEscapes(query);
    String contentType = http.getContentType();
    boolean form =
        contentType != null
            && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    if (!badQuery && !form) {
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(
        new Guarded(http, badQuery ? escapeStrayPercents(query) : query, form), response);
  }

  static boolean hasValidEscapes(String s) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  static String escapeStrayPercents(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean valid =
          c != '%' || (i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)));
      out.append(valid ? String.valueOf(c) : "%25");
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  /** The request as WireMock may safely see it. */
  private static final class Guarded extends HttpServletRequestWrapper {
    private final String query;
    private final boolean hideForm;
    private final boolean badQuery;

    Guarded(HttpServletRequest request, String query, boolean hideForm) {
      super(request);
      this.query = query;
      this.hideForm = hideForm;
      this.badQuery = !java.util.Objects.equals(query, request.getQueryString());
    }

    @Override
    public String getQueryString() {
      return query;
    }

    @Override
    public String getContentType() {
      return hideForm ? "text/plain" : super.getContentType();
    }

    @Override
    public String getHeader(String name) {
      if (hideForm && name.equalsIgnoreCase("Content-Type")) {
        return "text/plain";
      }
      if (badQuery && name.equalsIgnoreCase(BAD_QUERY_HEADER)) {
        return "true";
      }
      return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      String replaced = getHeader(name);
      boolean ours =
          (hideForm && name.equalsIgnoreCase("Content-Type"))
              || (badQuery && name.equalsIgnoreCase(BAD_QUERY_HEADER));
      return ours ? Collections.enumeration(java.util.List.of(replaced)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      java.util.List<String> names = Collections.list(super.getHeaderNames());
      if (badQuery) {
        names.add(BAD_QUERY_HEADER);
      }
      return Collections.enumeration(names);
    }
  }
}
