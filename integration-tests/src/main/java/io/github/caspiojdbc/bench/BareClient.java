/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The baseline every throughput and latency figure is compared with: Apache HttpClient 5 (classic,
 * pooled, keep-alive) plus a Jackson streaming parser that turns each row of a Caspio page into an
 * {@code Object[]}, with no planning, no retries and no type conversion beyond what JSON gives. It
 * is what a careful hand-written client for one known request would do, so the driver should come
 * close to it but cannot beat it by much.
 *
 * <p>Not thread-safe for token handling; {@link #token()} is called once before any parallel use.
 */
final class BareClient implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  /** One parsed page: its rows, the last PK_ID seen (-1 if none), TotalCount (-1 if absent). */
  record Page(int rows, long lastPk, long totalCount, long checksum) {}

  private final String baseUrl;
  private final String v3Url;
  private final String clientId;
  private final String clientSecret;
  private final CloseableHttpClient http;
  private String bearer;

  BareClient(String baseUrl, String v3Url, String clientId, String clientSecret) {
    this.baseUrl = baseUrl;
    this.v3Url = v3Url;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(32)
            .setMaxConnPerRoute(32)
            .build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .build();
  }

  /** Obtains an access token with the client-credentials grant; later calls reuse it. */
  String token() {
    if (bearer == null) {
      HttpPost post = new HttpPost(baseUrl + "/oauth/token");
      String form =
          "grant_type=client_credentials&client_id="
              + encode(clientId)
              + "&client_secret="
              + encode(clientSecret);
      post.setEntity(new StringEntity(form, ContentType.APPLICATION_FORM_URLENCODED));
      String body =
          execute(
              post,
              response -> {
                requireOk(response, 200);
                return EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
              });
      try {
        bearer = MAPPER.readTree(body).path("access_token").asText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bearer;
  }

  /**
   * GET {@code <v3>/<resource>/records} with the given parameters (names as Caspio spells them,
   * values unencoded) and parses the page.
   */
  Page get(String resource, Map<String, String> params) {
    HttpGet get = new HttpGet(v3Url + "/" + resource + "/records" + query(params));
    get.addHeader("Authorization", "Bearer " + token());
    get.addHeader("Accept", "application/json");
    return execute(
        get,
        response -> {
          requireOk(response, 200);
          try (InputStream in = response.getEntity().getContent()) {
            return parse(in);
          }
        });
  }

  /**
   * Reads a whole table the way the driver does: keyset pages ({@code PK_ID > last}) of 1000 rows
   * ordered by PK_ID, one at a time, the first asking for TotalCount so the loop stops after the
   * last full page without an extra call.
   *
   * @return rows read
   */
  long keysetScan(String resource, String where) {
    long total = -1;
    long read = 0;
    long last = Long.MIN_VALUE;
    while (true) {
      Map<String, String> p = new LinkedHashMap<>();
      String keyset = last == Long.MIN_VALUE ? null : "PK_ID>" + last;
      String w = where == null ? keyset : keyset == null ? where : "(" + where + ") AND " + keyset;
      if (w != null) {
        p.put("q.where", w);
      }
      p.put("q.orderBy", "PK_ID ASC");
      p.put("q.pageNumber", "1");
      p.put("q.pageSize", "1000");
      if (last == Long.MIN_VALUE) {
        p.put("q.getPaginationInfo", "true");
      }
      Page page = get(resource, p);
      if (page.totalCount() >= 0) {
        total = page.totalCount();
      }
      read += page.rows();
      last = page.lastPk();
      if (page.rows() < 1000 || (total >= 0 && read >= total)) {
        return read;
      }
    }
  }

  /**
   * Reads {@code pages} pages of 1000 rows with page numbers, {@code inFlight} at a time: the
   * ceiling for latency hiding, since no page waits for another.
   *
   * @return rows read
   */
  long parallelPages(String resource, long pages, int inFlight) {
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<Page>> futures = new ArrayList<>();
      for (long n = 1; n <= pages; n++) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("q.orderBy", "PK_ID ASC");
        p.put("q.pageNumber", Long.toString(n));
        p.put("q.pageSize", "1000");
        futures.add(pool.submit(() -> get(resource, p)));
      }
      long rows = 0;
      for (Future<Page> f : futures) {
        rows += f.get().rows();
      }
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** POST one record as JSON; Caspio answers 201 with no body. */
  void insert(String resource, String jsonObject) {
    HttpPost post = new HttpPost(v3Url + "/" + resource + "/records");
    post.addHeader("Authorization", "Bearer " + token());
    post.setEntity(new StringEntity(jsonObject, ContentType.APPLICATION_JSON));
    execute(
        post,
        response -> {
          requireOk(response, 201);
          HttpEntity e = response.getEntity();
          if (e != null) {
            EntityUtils.consume(e);
          }
          return null;
        });
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Streams one {@code {"Result":[...], "Pagination":{...}}} document. Every value becomes a Java
   * object in a row array, as a client would need it; a checksum of them keeps the JIT from
   * dropping the work.
   */
  static Page parse(InputStream in) throws IOException {
    int rows = 0;
    long lastPk = -1;
    long total = -1;
    long checksum = 0;
    try (JsonParser p = JSON.createParser(in)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String section = p.currentName();
        JsonToken t = p.nextToken();
        if ("Result".equals(section) && t == JsonToken.START_ARRAY) {
          List<Object> row = new ArrayList<>(16);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            row.clear();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String field = p.currentName();
              Object v = value(p, p.nextToken());
              if (v instanceof Long pk && "PK_ID".equals(field)) {
                lastPk = pk;
              }
              row.add(v);
            }
            Object[] values = row.toArray();
            checksum += values.length;
            rows++;
          }
        } else if ("Pagination".equals(section) && t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("TotalCount".equals(name) && v == JsonToken.VALUE_NUMBER_INT) {
              total = p.getLongValue();
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new Page(rows, lastPk, total, checksum);
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_ARRAY, START_OBJECT -> MAPPER.readTree(p);
      default -> throw new IOException("Unexpected JSON token " + t);
    };
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("Expected " + expected + " but got " + actual);
    }
  }

  private <T> T execute(ClassicHttpRequest request, HttpClientResponseHandler<T> handler) {
    try {
      return http.execute(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireOk(ClassicHttpResponse response, int expected)
      throws IOException, ParseException {
    if (response.getCode() != expected) {
      HttpEntity e = response.getEntity();
      String body = e == null ? "" : EntityUtils.toString(e, StandardCharsets.UTF_8);
      throw new IOException(
          "HTTP " + response.getCode() + " (expected " + expected + "): " + abbreviate(body));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  static String query(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      b.append(b.length() == 0 ? '?' : '&')
          .append(encode(e.getKey()))
          .append('=')
          .append(encode(e.getValue()));
    }
    return b.toString();
  }

  /** Percent-encoding with %20 for spaces: Caspio's query parameters are not form-encoded. */
  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
