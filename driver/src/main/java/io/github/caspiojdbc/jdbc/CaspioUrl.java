/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;

/**
 * The grammar of {@code jdbc:caspio:} URLs and the one place where a URL plus {@link Properties}
 * become a {@link CaspioConfig}. The work is shared out along the rules below: {@link UrlQuery}
 * reads the URL's text (grammar), {@link HostPort} the host rules, {@link CaspioProperty} each
 * value on its own, this class the {@code Properties} and the precedence, and {@link
 * ConfigCombinations} the rules that span properties.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * jdbc:caspio://&lt;account-host&gt;[:port][/][?key=value[&amp;key=value...]]
 * </pre>
 *
 * <ul>
 *   <li>The host is a DNS name (for example {@code c1abc123.caspio.com}), a dotted IPv4 address or
 *       a bracketed IPv6 address ({@code [::1]}); it is never resolved while parsing. The port is 1
 *       to 65535, by default 443 (80 with {@code useHttps=false}). No path other than {@code /} and
 *       no fragment are allowed; the API base path follows from {@code apiVersion}.
 *   <li>User information ({@code user@host}, {@code user:password@host}) is refused: credentials
 *       are given as properties. Any {@code '@'} before the first {@code '='} counts as user
 *       information, so that no part of a mistyped password is ever echoed in a message.
 *   <li>Keys and values are percent-decoded as UTF-8; {@code '+'} stays a plus sign (access tokens
 *       contain it). Every parameter must be {@code key=value} with a non-empty value.
 *   <li>Keys are case-sensitive. A key that is not a {@link CaspioProperty} key or alias is
 *       refused, and so are the keys of Calcite and Avatica ({@code model}, {@code schemaFactory},
 *       {@code fun}, ...): no URL may load classes, read models or change the SQL dialect. A key
 *       repeated in the URL is refused even with the same value.
 *   <li>Secret properties ({@code clientSecret}/{@code password}, {@code accessToken}, {@code
 *       refreshToken}) are refused in the URL, because tools display, store and log URLs.
 * </ul>
 *
 * <h2>Properties and precedence</h2>
 *
 * <ul>
 *   <li>{@code Properties} entries with our keys or aliases are read; an empty string counts as
 *       "not given", because tools send blank login fields as empty strings. Non-string entries and
 *       unknown keys are ignored and logged at {@code FINE} (key only), since Spark, pools and
 *       tools pass their own options. Calcite and Avatica keys are ignored too: they are never
 *       passed on to Calcite.
 *   <li>There is no precedence between the URL and {@code Properties}, nor between an alias and its
 *       key ({@code user}/{@code clientId}, {@code password}/{@code clientSecret}): one setting may
 *       be given in several places only with exactly the same text (after percent-decoding),
 *       otherwise the connection is refused as a conflict. {@code TRUE} and {@code true} are
 *       therefore a conflict, though each alone is accepted.
 *   <li>Properties not given anywhere take their {@link CaspioProperty#defaultValue()}.
 * </ul>
 *
 * <h2>Combinations</h2>
 *
 * <ul>
 *   <li>Credentials: {@code clientId} and {@code clientSecret}, or {@code accessToken}. With {@code
 *       accessToken}, none of {@code clientSecret}, {@code refreshToken}, {@code tokenUrl}, {@code
 *       clientAuth}, {@code audience} or {@code scope} may be set, since no token is ever
 *       requested; {@code clientId} is still allowed (it is reported as the user name).
 *   <li>{@code useHttps=false} only for {@code localhost}, 127.0.0.0/8 and {@code ::1}.
 *   <li>{@code tokenUrl}: https, or http on a loopback host; its host may differ from the account
 *       host (see {@link TokenUrl}).
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * SQLState 08001 for a malformed URL, unknown, repeated, conflicting, misplaced or missing
 * properties and forbidden combinations; 22023 for a value that does not parse or is out of range.
 * Messages name the property; values are quoted only for non-secret properties.
 */
final class CaspioUrl {
  /** Every URL this driver accepts starts with this. */
  static final String PREFIX = "jdbc:caspio:";

  private static final Logger LOG = Logger.getLogger(CaspioUrl.class.getName());

  private CaspioUrl() {}

  /**
   * Keys and constant names of every Calcite and Avatica connection property, {@link #fold folded}
   * (Avatica mixes {@code camelCase} and {@code snake_case}). A holder class, so that {@link
   * #acceptsURL}, which {@code DriverManager} calls for every URL, does not load Calcite classes.
   */
  private static final class CalciteKeys {
    static final Set<String> KEYS = load();

    private static Set<String> load() {
      Set<String> keys = new HashSet<>();
      for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
        keys.add(fold(p.camelName()));
        keys.add(fold(p.name()));
      }
      for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
        keys.add(fold(p.camelName()));
        keys.add(fold(p.name()));
      }
      return Set.copyOf(keys);
    }
  }

  /** Whether {@code key} belongs to Calcite or Avatica rather than to this driver. */
  static boolean isCalciteKey(String key) {
    return CalciteKeys.KEYS.contains(fold(key));
  }

  /** Lower case without {@code '_'} and {@code '-'}, so spelling variants still match. */
  private static String fold(String key) {
    return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /**
   * Whether the URL is meant for this driver: it starts with {@value #PREFIX}. Never throws; a
   * malformed {@code jdbc:caspio:} URL is accepted here and refused by {@link #parse}.
   */
  static boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /**
   * Validates {@code url} and {@code info} and returns the connection settings.
   *
   * @param info connection properties, may be null
   * @throws SQLException 08001 or 22023 as described on this class
   */
  static CaspioConfig parse(String url, Properties info) throws SQLException {
    Map<CaspioProperty, List<UrlQuery.Given>> given = new EnumMap<>(CaspioProperty.class);
    HostPort hostPort = UrlQuery.parseUrl(url, given);
    readProperties(info, given);
    Map<CaspioProperty, String> values = new EnumMap<>(CaspioProperty.class);
    for (CaspioProperty p : CaspioProperty.values()) {
      String value = single(p, given.getOrDefault(p, List.of()));
      if (value != null) {
        values.put(p, p.parse(value));
      }
    }
    return ConfigCombinations.build(url, hostPort, values);
  }

  /**
   * One entry per {@link CaspioProperty} for {@code Driver.getPropertyInfo}: the value given in the
   * URL or {@code info} (or the default), never a secret's value; {@code clientId} and {@code
   * clientSecret} are not required once an access token is given. Never throws: unparsable parts of
   * the URL are skipped.
   */
  static DriverPropertyInfo[] propertyInfo(String url, Properties info) {
    Map<CaspioProperty, String> current = new EnumMap<>(CaspioProperty.class);
    try {
      if (acceptsURL(url) && !UrlQuery.mayHoldUserInfo(url.substring(PREFIX.length()))) {
        String rest = url.substring(PREFIX.length());
        int hash = rest.indexOf('#');
        rest = hash < 0 ? rest : rest.substring(0, hash);
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        for (String pair : query.split("&", -1)) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            Optional<String> key = UrlQuery.decode(pair.substring(0, eq));
            Optional<String> value = UrlQuery.decode(pair.substring(eq + 1));
            Optional<CaspioProperty> p = key.flatMap(CaspioProperty::forKey);
            if (p.isPresent() && value.isPresent() && !value.get().isEmpty()) {
              current.putIfAbsent(p.get(), value.get());
            }
          }
        }
      }
      if (info != null) {
        for (String name : info.stringPropertyNames()) {
          Optional<CaspioProperty> p = CaspioProperty.forKey(name);
          String value = info.getProperty(name);
          if (p.isPresent() && value != null && !value.isEmpty()) {
            current.putIfAbsent(p.get(), value);
          }
        }
      }
    } catch (RuntimeException e) {
      // getPropertyInfo must not fail; whatever was read so far is still useful.
      LOG.log(Level.FINE, "Could not read all current values for getPropertyInfo", e);
    }
    boolean hasAccessToken = current.containsKey(CaspioProperty.ACCESS_TOKEN);
    CaspioProperty[] all = CaspioProperty.values();
    DriverPropertyInfo[] result = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      CaspioProperty p = all[i];
      String value = p.isSecret() ? null : current.getOrDefault(p, p.defaultValue());
      DriverPropertyInfo row = new DriverPropertyInfo(p.key(), value);
      row.required = p.isRequired() && !hasAccessToken;
      row.description = p.description() + p.alias().map(a -> " Alias: " + a + ".").orElse("");
      row.choices = p.choices().isEmpty() ? null : p.choices().toArray(new String[0]);
      result[i] = row;
    }
    return result;
  }

  private static void readProperties(
      Properties info, Map<CaspioProperty, List<UrlQuery.Given>> given) {
    if (info == null) {
      return;
    }
    for (Object key : info.keySet()) {
      if (!(key instanceof String) || !(info.get(key) instanceof String)) {
        LOG.fine("Ignoring a connection property whose key or value is not a String");
      }
    }
    for (String name : new TreeSet<>(info.stringPropertyNames())) {
      Optional<CaspioProperty> p = CaspioProperty.forKey(name);
      if (p.isEmpty()) {
        LOG.fine(
            () ->
                (isCalciteKey(name)
                        ? "Ignoring Calcite/Avatica connection property '"
                        : "Ignoring unknown connection property '")
                    + name
                    + "'");
        continue;
      }
      String value = info.getProperty(name);
      if (!value.isEmpty()) {
        given
            .computeIfAbsent(p.get(), k -> new ArrayList<>())
            .add(new UrlQuery.Given("Properties", name, value));
      }
    }
  }

  /** The one value given for {@code p}, or null; refuses different values. */
  private static String single(CaspioProperty p, List<UrlQuery.Given> all) throws SQLException {
    Set<String> distinct = new LinkedHashSet<>();
    for (UrlQuery.Given g : all) {
      distinct.add(g.value());
    }
    if (distinct.size() > 1) {
      StringBuilder where = new StringBuilder();
      for (UrlQuery.Given g : all) {
        where.append(where.length() == 0 ? "" : ", ").append(g.describe(p));
      }
      throw CaspioErrors.badConnectionSpec(
          "Property '" + p.key() + "' is given with different values: " + where);
    }
    return distinct.isEmpty() ? null : distinct.iterator().next();
  }
}
