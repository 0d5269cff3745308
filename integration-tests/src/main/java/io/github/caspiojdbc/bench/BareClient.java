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
   * Reads a whole table in the pages the driver reads it: a first page of 1000 rows ordered by
   * PK_ID that also asks for TotalCount, then key ranges {@code PK_ID>a AND PK_ID<=b} of 1000 keys
   * and one open-ended last range, {@code inFlight} requests at a time. The sample data's PK_IDs
   * are 1..R without gaps, so each range is exactly one page, as the driver's own estimate finds.
   *
   * @param where a filter AND-ed in front of the key ranges as the driver does, or null
   * @return rows read
   */
  long rangeScan(String resource, String where, int inFlight) {
    Map<String, String> first = new LinkedHashMap<>();
    if (where != null) {
      first.put("q.where", where);
    }
    first.put("q.orderBy", "PK_ID ASC");
    first.put("q.pageNumber", "1");
    first.put("q.pageSize", "1000");
    first.put("q.getPaginationInfo", "true");
    Page head = get(resource, first);
    if (head.rows() < 1000 || head.totalCount() <= head.rows()) {
      return head.rows();
    }
    long ranges = (head.totalCount() - head.rows() + 999) / 1000;
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<Page>> futures = new ArrayList<>();
      for (long i = 0; i < ranges; i++) {
        long low = head.lastPk() + 1000 * i;
        String range = "PK_ID>" + low + (i == ranges - 1 ? "" : " AND PK_ID<=" + (low + 1000));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("q.where", where == null ? range : "(" + where + ") AND " + range);
        p.put("q.orderBy", "PK_ID ASC");
        p.put("q.pageNumber", "1");
        p.put("q.pageSize", "1000");
        futures.add(pool.submit(() -> get(resource, p)));
      }
      long rows = head.rows();
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
