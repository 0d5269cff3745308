/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.jdbc.CaspioConfig.ApiVersion;
import io.github.caspiojdbc.jdbc.CaspioConfig.ClientAuth;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
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
 * become a {@link CaspioConfig}.
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

  private static final String SHAPE = "jdbc:caspio://<account-host>[:port][?key=value&...]";
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
    Map<CaspioProperty, List<Given>> given = new EnumMap<>(CaspioProperty.class);
    HostPort hostPort = parseUrl(url, given);
    readProperties(info, given);
    Map<CaspioProperty, String> values = new EnumMap<>(CaspioProperty.class);
    for (CaspioProperty p : CaspioProperty.values()) {
      String value = single(p, given.getOrDefault(p, List.of()));
      if (value != null) {
        values.put(p, p.parse(value));
      }
    }
    return build(url, hostPort, values);
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
      if (acceptsURL(url) && !mayHoldUserInfo(url.substring(PREFIX.length()))) {
        String rest = url.substring(PREFIX.length());
        int hash = rest.indexOf('#');
        rest = hash < 0 ? rest : rest.substring(0, hash);
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        for (String pair : query.split("&", -1)) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            Optional<String> key = decode(pair.substring(0, eq));
            Optional<String> value = decode(pair.substring(eq + 1));
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

  /** Reads host, port and URL parameters into {@code given}. */
  private static HostPort parseUrl(String url, Map<CaspioProperty, List<Given>> given)
      throws SQLException {
    if (url == null) {
      throw CaspioErrors.badConnectionSpec("The connection URL is null; expected " + SHAPE);
    }
    if (!acceptsURL(url)) {
      // Not echoed: a foreign URL may carry that product's password.
      throw CaspioErrors.badConnectionSpec("Not a Caspio URL; expected " + SHAPE);
    }
    String rest = url.substring(PREFIX.length());
    if (mayHoldUserInfo(rest)) {
      throw CaspioErrors.badConnectionSpec(
          "The Caspio URL must not contain user information ('user@' or 'user:password@' before"
              + " the host): pass the client id and secret as the 'user' and 'password'"
              + " connection properties");
    }
    if (!rest.startsWith("//")) {
      throw CaspioErrors.badConnectionSpec("Malformed Caspio URL; expected " + SHAPE);
    }
    rest = rest.substring(2);
    if (rest.indexOf('#') >= 0) {
      throw CaspioErrors.badConnectionSpec("The Caspio URL must not contain a fragment ('#')");
    }
    int q = rest.indexOf('?');
    String hierarchy = q < 0 ? rest : rest.substring(0, q);
    int slash = hierarchy.indexOf('/');
    String authority = slash < 0 ? hierarchy : hierarchy.substring(0, slash);
    String path = slash < 0 ? "" : hierarchy.substring(slash);
    HostPort hostPort;
    try {
      hostPort = HostPort.parse(authority);
    } catch (IllegalArgumentException e) {
      throw CaspioErrors.badConnectionSpec(
          "The Caspio URL has " + e.getMessage() + "; expected " + SHAPE);
    }
    if (!path.isEmpty() && !path.equals("/")) {
      throw CaspioErrors.badConnectionSpec(
          "The Caspio URL must not have a path: give only the account host, for example"
              + " jdbc:caspio://c1abc123.caspio.com, and choose the API with 'apiVersion'");
    }
    if (q >= 0 && q + 1 < rest.length()) {
      readQuery(rest.substring(q + 1), given);
    }
    return hostPort;
  }

  /**
   * Whether the text after the prefix has an {@code '@'} before any {@code '='}: user information
   * in the authority, or a password containing {@code '/'} or {@code '?'} that pushed it further.
   */
  private static boolean mayHoldUserInfo(String rest) {
    int at = rest.indexOf('@');
    int eq = rest.indexOf('=');
    return at >= 0 && (eq < 0 || at < eq);
  }

  private static void readQuery(String query, Map<CaspioProperty, List<Given>> given)
      throws SQLException {
    Set<String> seen = new HashSet<>();
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      int position = i + 1;
      int eq = pair.indexOf('=');
      if (eq < 0) {
        // Not echoed: a stray segment may be a pasted secret.
        throw CaspioErrors.badConnectionSpec(
            "URL parameter #" + position + " of the Caspio URL is not of the form key=value");
      }
      String key =
          decode(pair.substring(0, eq))
              .orElseThrow(
                  () ->
                      CaspioErrors.badConnectionSpec(
                          "URL parameter #"
                              + position
                              + " has an invalid percent-escape in its"
                              + " name"));
      if (key.isEmpty()) {
        throw CaspioErrors.badConnectionSpec(
            "URL parameter #" + position + " of the Caspio URL has an empty name");
      }
      CaspioProperty p = CaspioProperty.forKey(key).orElseThrow(() -> unknownInUrl(key));
      if (!seen.add(key)) {
        throw CaspioErrors.badConnectionSpec(
            "URL parameter '" + key + "' is given more than once in the Caspio URL");
      }
      if (p.isSecret()) {
        throw CaspioErrors.badConnectionSpec(
            "Property '"
                + key
                + "' is a secret and must not appear in the URL, which tools display and log;"
                + " pass it as a connection property"
                + (p == CaspioProperty.CLIENT_SECRET ? " (the password field)" : ""));
      }
      String value =
          decode(pair.substring(eq + 1))
              .orElseThrow(
                  () ->
                      CaspioErrors.invalidValue(
                          "Property '" + key + "' has an invalid percent-escape in the URL"));
      if (value.isEmpty()) {
        throw CaspioErrors.invalidValue("Property '" + key + "' has an empty value in the URL");
      }
      given.computeIfAbsent(p, k -> new ArrayList<>()).add(new Given("URL", key, value));
    }
  }

  private static SQLException unknownInUrl(String key) {
    String shown = key.matches("[A-Za-z0-9._-]{1,64}") ? "'" + key + "'" : "(name not shown)";
    if (isCalciteKey(key)) {
      return CaspioErrors.badConnectionSpec(
          "URL parameter "
              + shown
              + " is an Apache Calcite/Avatica connection property; the Caspio driver does not"
              + " accept it");
    }
    String hint =
        CaspioProperty.keyIgnoringCase(key)
            .map(k -> " (keys are case-sensitive: did you mean '" + k + "'?)")
            .orElse("; see the list of connection properties");
    return CaspioErrors.badConnectionSpec("Unknown URL parameter " + shown + hint);
  }

  private static void readProperties(Properties info, Map<CaspioProperty, List<Given>> given) {
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
            .add(new Given("Properties", name, value));
      }
    }
  }

  /** The one value given for {@code p}, or null; refuses different values. */
  private static String single(CaspioProperty p, List<Given> all) throws SQLException {
    Set<String> distinct = new LinkedHashSet<>();
    for (Given g : all) {
      distinct.add(g.value());
    }
    if (distinct.size() > 1) {
      StringBuilder where = new StringBuilder();
      for (Given g : all) {
        where.append(where.length() == 0 ? "" : ", ").append(g.describe(p));
      }
      throw CaspioErrors.badConnectionSpec(
          "Property '" + p.key() + "' is given with different values: " + where);
    }
    return distinct.isEmpty() ? null : distinct.iterator().next();
  }

  private static CaspioConfig build(String url, HostPort hostPort, Map<CaspioProperty, String> v)
      throws SQLException {
    String accessToken = v.get(CaspioProperty.ACCESS_TOKEN);
    String clientId = v.get(CaspioProperty.CLIENT_ID);
    String clientSecret = v.get(CaspioProperty.CLIENT_SECRET);
    if (accessToken != null) {
      for (CaspioProperty p :
          List.of(
              CaspioProperty.CLIENT_SECRET,
              CaspioProperty.REFRESH_TOKEN,
              CaspioProperty.TOKEN_URL,
              CaspioProperty.CLIENT_AUTH,
              CaspioProperty.AUDIENCE,
              CaspioProperty.SCOPE)) {
        if (v.containsKey(p)) {
          throw CaspioErrors.badConnectionSpec(
              "Property '"
                  + p.key()
                  + "' cannot be combined with 'accessToken': a pre-issued token is used as is"
                  + " and no token is ever requested");
        }
      }
    } else if (clientId == null && clientSecret == null) {
      throw CaspioErrors.badConnectionSpec(
          "Missing credentials: set 'user' and 'password' (client ID and client secret of the"
              + " Caspio Web services profile), or 'accessToken'");
    } else if (clientId == null) {
      throw CaspioErrors.badConnectionSpec(
          "Missing property 'clientId' (or 'user'): the client ID goes with the client secret");
    } else if (clientSecret == null) {
      throw CaspioErrors.badConnectionSpec(
          "Missing property 'clientSecret' (or 'password'): the client secret goes with the client"
              + " ID");
    }
    boolean useHttps = bool(v, CaspioProperty.USE_HTTPS);
    if (!useHttps && !hostPort.loopback()) {
      throw CaspioErrors.badConnectionSpec(
          "Property 'useHttps' may be false only for localhost, 127.0.0.1 or ::1 (a local"
              + " emulator); Caspio accepts HTTPS only");
    }
    int port = hostPort.port() > 0 ? hostPort.port() : useHttps ? 443 : 80;
    String tokenUrl = v.get(CaspioProperty.TOKEN_URL);
    return new CaspioConfig(
        url,
        hostPort.host(),
        port,
        useHttps,
        ApiVersion.valueOf(text(v, CaspioProperty.API_VERSION).toUpperCase(Locale.ROOT)),
        tokenUrl == null ? null : URI.create(tokenUrl),
        ClientAuth.valueOf(text(v, CaspioProperty.CLIENT_AUTH).toUpperCase(Locale.ROOT)),
        clientId,
        clientSecret,
        accessToken,
        v.get(CaspioProperty.REFRESH_TOKEN),
        v.get(CaspioProperty.AUDIENCE),
        v.get(CaspioProperty.SCOPE),
        CaspioProperty.CONNECT_TIMEOUT.durationValue(text(v, CaspioProperty.CONNECT_TIMEOUT)),
        CaspioProperty.SOCKET_TIMEOUT.durationValue(text(v, CaspioProperty.SOCKET_TIMEOUT)),
        loginTimeout(v),
        CaspioProperty.QUERY_TIMEOUT.durationValue(text(v, CaspioProperty.QUERY_TIMEOUT)),
        CaspioProperty.METADATA_CACHE_TTL.durationValue(text(v, CaspioProperty.METADATA_CACHE_TTL)),
        CaspioProperty.MAX_RETRIES.intValue(text(v, CaspioProperty.MAX_RETRIES)),
        CaspioProperty.PAGE_SIZE.intValue(text(v, CaspioProperty.PAGE_SIZE)),
        CaspioProperty.PREFETCH.intValue(text(v, CaspioProperty.PREFETCH)),
        bool(v, CaspioProperty.READ_ONLY));
  }

  /**
   * The {@code loginTimeout} property; when it is not given, {@link DriverManager#getLoginTimeout}
   * as JDBC asks (its default 0 leaves the property's default, no limit).
   */
  private static Duration loginTimeout(Map<CaspioProperty, String> v) {
    String given = v.get(CaspioProperty.LOGIN_TIMEOUT);
    if (given == null) {
      int seconds = DriverManager.getLoginTimeout();
      if (seconds > 0) {
        return Duration.ofSeconds(seconds);
      }
    }
    return CaspioProperty.LOGIN_TIMEOUT.durationValue(text(v, CaspioProperty.LOGIN_TIMEOUT));
  }

  /** The given value, or the default (every property read here has one). */
  private static String text(Map<CaspioProperty, String> v, CaspioProperty p) {
    return v.getOrDefault(p, p.defaultValue());
  }

  private static boolean bool(Map<CaspioProperty, String> v, CaspioProperty p) {
    return p.booleanValue(text(v, p));
  }

  /**
   * Percent-decodes {@code s} as UTF-8, leaving {@code '+'} alone; empty when an escape is
   * malformed or the bytes are not UTF-8.
   */
  static Optional<String> decode(String s) {
    if (s.indexOf('%') < 0) {
      return Optional.of(s);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        if (cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp)) {
          return Optional.empty();
        }
        byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(cp);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * One value for a property and where it came from, for conflict messages.
   *
   * @param source {@code URL} or {@code Properties}
   * @param key the key or alias used there
   */
  private record Given(String source, String key, String value) {
    String describe(CaspioProperty p) {
      String where =
          ("URL".equals(source) ? "URL parameter '" : "connection property '") + key + "'";
      return p.isSecret() ? where : where + " = '" + value + "'";
    }

    /** Never shows the value, which may be a secret. */
    @Override
    public String toString() {
      return "Given[" + source + ", " + key + "]";
    }
  }
}
