package io.autoanime.fuzz;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random HTTP requests against every route of a router, shaped by the OpenAPI document: each one
 * picks an endpoint (a route's path, or a path no route has), a method, path values, a query, the
 * API key or not, headers, a body and its framing, each part either right or wrong in one of many
 * ways. Routes added to the router later are fuzzed without any change here.
 */
public final class Requests {
  private static final List<String> STANDARD_METHODS = List.of("GET", "HEAD", "OPTIONS", "TRACE", "POST", "PUT", "PATCH", "DELETE");
  private static final List<String> ODD_METHODS = List.of("FOO", "get", "PROPFIND", "M-SEARCH", "CONNECT", "PRI", "GE(T", "");

  /** Path values no route takes as an id: zero, negative, huge, not decimal, not ASCII, not decodable, traversal. */
  private static final List<String> ODD_SEGMENTS = List.of(
      "0", "-1", "1e3", "1.0", "+1", "0x1F", "01", "%2B1", "%201", "1%20", "١", "%D9%A1", "%EF%BC%91",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "2147483648", "99999999999999999999999999",
      "%00", "..", "%2e%2e", ".", "%2F", "%2f..%2f..%2fhealth", "%zz", "%", "%%", "%e9", "%c3%28", "null", "undefined",
      "true", "%7B%7D", "%5B%5D", "%F0%9F%92%A5", "😀", "é", ";", "1;x=2", "%3F", "%23", "*", "~", "a".repeat(300),
      "1".repeat(5000));

  private static final List<String> ODD_QUERY_VALUES = List.of(
      "", "true", "false", "TRUE", "1", "0", "-1", "2", "501", "1e3", "+1", "%2B1", "1.5", "%EF%BC%91", "9223372036854775808",
      "null", "%00", "yes", "%zz", "%", "%e9", "+", "%20true", "true%20", "a".repeat(2000));

  private static final List<String> BROKEN_QUERIES = List.of(
      "%", "%z", "%zz", "%%", "a=%", "a=%z", "%zz=1", "=%zz", "a=%e9", "a=%c3%28", "%u0041=1", "a=1&a=2", "&&", "=", "=1",
      "&=&", "a", "a==b", ";", "a=1;b=%zz", "includeRemoved=true&includeRemoved=false", "seasonNumber=1&seasonNumber=2",
      "limit=1&limit=1", "a=%2", "a=%0", "+%zz", "%00=%00", "#fragment", "?", "a=1#b=%zz", "a[]=1&a[b]=2", "%F0%9F%92%A5=😀");

  private static final List<String> UNROUTED_PATHS = List.of(
      "/", "/api", "/api/", "/api/nothing", "/API/SERIES", "/api/series/", "//api//series", "/api/series/1/nothing",
      "/api/./series", "/api/../api/health", "/metrics/", "/api/health/", "*", "http://localhost/api/health", "api/series",
      "/%2e%2e/%2e%2e/etc/passwd", "/api/%zz", "/api/series%00");

  private final List<Endpoint> endpoints;
  private final JsonObject document;
  private final JsonBodies bodies;
  private final Map<String, List<Long>> idsByPathPrefix;
  private final String apiKey;
  private final int port;
  private final Map<String, Arbitrary<RawRequest>> built = new ConcurrentHashMap<>();

  /** A path of the router with the methods routed on it, and their operations in the document (absent when undocumented). */
  public record Endpoint(String template, List<String> methods, Map<String, JsonObject> operations) {}

  /**
   * @param idsByPathPrefix real ids for the {@code :id} of paths under each prefix (e.g. {@code /api/series}), so
   *     that valid and invalid requests also reach existing rows
   */
  public Requests(Router router, JsonObject document, Map<String, List<Long>> idsByPathPrefix, String apiKey, int port) {
    this.document = document;
    this.bodies = new JsonBodies(document);
    this.idsByPathPrefix = idsByPathPrefix;
    this.apiKey = apiKey;
    this.port = port;
    this.endpoints = endpoints(router, document);
  }

  /** The routed endpoints (exact paths with methods), as the router has them now. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  private static List<Endpoint> endpoints(Router router, JsonObject document) {
    Map<String, Set<String>> methodsByPath = new TreeMap<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || !route.isExactPath()) {
        continue; // the handlers every request passes through (gate, key check, body handler)
      }
      Set<String> methods = methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>());
      if (route.methods() == null || route.methods().isEmpty()) {
        methods.addAll(STANDARD_METHODS);
      } else {
        route.methods().stream().map(HttpMethod::name).forEach(methods::add);
      }
    }
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    List<Endpoint> endpoints = new ArrayList<>();
    methodsByPath.forEach((path, methods) -> {
      JsonObject item = paths.getJsonObject(path.replaceAll(":(\\w+)", "{$1}"), new JsonObject());
      Map<String, JsonObject> operations = new TreeMap<>();
      for (String method : methods) {
        JsonObject operation = item.getJsonObject(method.toLowerCase());
        if (operation != null) {
          operations.put(method, operation);
        }
      }
      endpoints.add(new Endpoint(path, List.copyOf(methods), operations));
    });
    return endpoints;
  }

  /** Any request: mostly to routed endpoints, some to paths no route has. */
  public Arbitrary<RawRequest> any() {
    List<Endpoint> unrouted = UNROUTED_PATHS.stream().map(path -> new Endpoint(path, List.of("GET", "POST"), Map.of())).toList();
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.of(endpoints)),
        Tuple.of(1, Arbitraries.of(unrouted))).flatMap(this::against);
  }

  private Arbitrary<RawRequest> against(Endpoint endpoint) {
    Arbitrary<String> method = Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.of(endpoint.methods())),
        Tuple.of(4, Arbitraries.of(STANDARD_METHODS)),
        Tuple.of(1, Arbitraries.of(ODD_METHODS)));
    // built once per endpoint and method: jqwik calls flatMap's function for every request generated
    return method.flatMap(m -> built.computeIfAbsent(endpoint.template() + " " + m, key -> against(endpoint, m)));
  }

  private Arbitrary<RawRequest> against(Endpoint endpoint, String method) {
    JsonObject operation = endpoint.operations().get(method);
    Arbitrary<String> target = Combinators.combine(path(endpoint.template()), query(operation), queryKey())
        .as((path, query, key) -> path + withKey(query, key));
    Arbitrary<List<String>> headers = Combinators.combine(host(), keyHeaders(), accept(), expect(), contentType(), extraHeaders())
        .as((host, key, accept, expect, type, extra) -> {
          List<String> lines = new ArrayList<>();
          host.ifPresent(lines::add);
          lines.addAll(key);
          accept.ifPresent(lines::add);
          expect.ifPresent(lines::add);
          type.ifPresent(lines::add);
          lines.addAll(extra);
          return lines;
        });
    Arbitrary<byte[]> body = bodies.forSchema(requestSchema(operation));
    if (List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(method)) {
      body = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(new byte[0])), Tuple.of(1, body)); // mostly as clients send them
    }
    return Combinators.combine(target, version(), headers, body, framing())
        .as((t, version, lines, bytes, framing) -> new RawRequest(method, t, version, lines, bytes, framing));
  }

  /** Where the query puts the API key, if anywhere; the header is drawn independently (see {@link #keyHeaders}). */
  private enum QueryKey { NONE, RIGHT, WRONG, EMPTY, TWICE, NAME_IN_UPPER_CASE, BROKEN_ENCODING }

  private static Arbitrary<QueryKey> queryKey() {
    return Arbitraries.frequencyOf(
        Tuple.of(15, Arbitraries.just(QueryKey.NONE)), Tuple.of(2, Arbitraries.just(QueryKey.RIGHT)),
        Tuple.of(1, Arbitraries.of(QueryKey.WRONG, QueryKey.EMPTY, QueryKey.TWICE, QueryKey.NAME_IN_UPPER_CASE,
            QueryKey.BROKEN_ENCODING)));
  }

  /** The X-Api-Key header: right, absent, wrong, empty, twice, with its name in lower case, or its value in upper case. */
  private Arbitrary<List<String>> keyHeaders() {
    return Arbitraries.frequencyOf(
        Tuple.of(14, Arbitraries.just(List.of("X-Api-Key: " + apiKey))),
        Tuple.of(3, Arbitraries.just(List.<String>of())),
        Tuple.of(1, Arbitraries.just(List.of("X-Api-Key: " + apiKey + "x"))),
        Tuple.of(1, Arbitraries.just(List.of("X-Api-Key: "))),
        Tuple.of(1, Arbitraries.just(List.of("X-Api-Key: " + apiKey, "X-Api-Key: wrong"))),
        Tuple.of(1, Arbitraries.just(List.of("x-api-key: " + apiKey))),
        Tuple.of(1, Arbitraries.just(List.of("X-Api-Key: " + apiKey.toUpperCase()))));
  }

  private String withKey(String query, QueryKey queryKey) {
    String key = switch (queryKey) {
      case NONE -> "";
      case RIGHT -> "apikey=" + apiKey;
      case WRONG -> "apikey=" + apiKey + "x";
      case EMPTY -> "apikey=";
      case TWICE -> "apikey=" + apiKey + "&apikey=wrong";
      case NAME_IN_UPPER_CASE -> "APIKEY=" + apiKey;
      case BROKEN_ENCODING -> "apikey=" + apiKey + "%zz";
    };
    if (query.isEmpty() && key.isEmpty()) {
      return "";
    }
    return "?" + (query.isEmpty() ? key : key.isEmpty() ? query : query + "&" + key);
  }

  private Arbitrary<String> path(String template) {
    List<Arbitrary<String>> parts = new ArrayList<>();
    for (String segment : template.split("/", -1)) {
      parts.add(segment.startsWith(":") ? pathValue(template, segment.substring(1)) : Arbitraries.just(segment));
    }
    return Combinators.combine(parts).as(values -> String.join("/", values));
  }

  private Arbitrary<String> pathValue(String template, String name) {
    List<Long> known = new ArrayList<>(List.of(1L, 2L, 3L));
    if (name.toLowerCase().contains("season")) {
      known = List.of(0L, 1L, 2L);
    } else {
      for (Map.Entry<String, List<Long>> ids : idsByPathPrefix.entrySet()) {
        if (template.startsWith(ids.getKey() + "/:")) {
          known = ids.getValue();
        }
      }
    }
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(known).map(String::valueOf)),
        Tuple.of(4, Arbitraries.of(ODD_SEGMENTS)),
        Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(8).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.strings().withCharRange('!', '\u07ff').ofMinLength(1).ofMaxLength(6)
            .map(s -> s.replace("/", "").replace("?", "").replace("#", "").replace(" ", ""))
            .filter(s -> !s.isEmpty())));
  }

  private Arbitrary<String> query(JsonObject operation) {
    List<JsonObject> documented = parameters(operation, "query");
    Set<String> names = new LinkedHashSet<>();
    documented.forEach(p -> names.add(p.getString("name")));
    names.addAll(List.of("includeRemoved", "seasonNumber", "limit", "status", "x"));
    Arbitrary<String> pair = Combinators.combine(Arbitraries.of(List.copyOf(names)), queryValue(documented))
        .as((name, value) -> name + "=" + value);
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just("")),
        Tuple.of(5, pair.list().ofMinSize(1).ofMaxSize(3).map(pairs -> String.join("&", pairs))),
        Tuple.of(3, Arbitraries.of(BROKEN_QUERIES)),
        Tuple.of(1, Arbitraries.of(100, 1_100, 3_000).map(n -> "a=1&".repeat(n) + "b=2")));
  }

  private Arbitrary<String> queryValue(List<JsonObject> documented) {
    List<String> valid = new ArrayList<>(List.of("true", "false", "1", "20"));
    for (JsonObject parameter : documented) {
      JsonObject schema = parameter.getJsonObject("schema", new JsonObject());
      if (schema.containsKey("enum")) {
        schema.getJsonArray("enum").forEach(value -> valid.add(String.valueOf(value)));
      }
      if (schema.containsKey("minimum")) {
        valid.add(String.valueOf(schema.getValue("minimum")));
      }
      if (schema.containsKey("maximum")) {
        valid.add(String.valueOf(schema.getValue("maximum")));
      }
    }
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(valid)), Tuple.of(2, Arbitraries.of(ODD_QUERY_VALUES)));
  }

  private Arbitrary<Optional<String>> host() {
    return Arbitraries.frequencyOf(
        Tuple.of(30, Arbitraries.just(Optional.of("Host: localhost:" + port))),
        Tuple.of(1, Arbitraries.just(Optional.<String>empty())),
        Tuple.of(1, Arbitraries.just(Optional.of("Host: "))),
        Tuple.of(1, Arbitraries.just(Optional.of("Host: a b"))),
        Tuple.of(1, Arbitraries.just(Optional.of("Host: [::1"))));
  }

  private static Arbitrary<Optional<String>> accept() {
    return optionalHeader("Accept", 6, "application/json", "text/html", "*/*;q=0", ";;;", "application/xml", "application/json;q=x");
  }

  private static Arbitrary<Optional<String>> expect() {
    return optionalHeader("Expect", 12, "100-continue", "200-ok", "", "100-Continue, foo");
  }

  private static Arbitrary<Optional<String>> contentType() {
    return optionalHeader("Content-Type", 3, "application/json", "application/json", "application/json", "application/json",
        "application/json; charset=utf-8", "application/json; charset=latin1", "APPLICATION/JSON", "application/merge-patch+json",
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "multipart/form-data; boundary=x",
        "multipart/form-data", "multipart/mixed; boundary=x", "text/plain", "application/xml", "", ";", "application/", "a/b/c",
        "application/json; charset=\"", "image/png", "application/jsön");
  }

  private static Arbitrary<Optional<String>> optionalHeader(String name, int weightOfNone, String... values) {
    return Arbitraries.frequencyOf(
        Tuple.of(weightOfNone, Arbitraries.just(Optional.<String>empty())),
        Tuple.of(Math.max(1, values.length / 2), Arbitraries.of(values).map(value -> Optional.of(name + ": " + value))));
  }

  private static Arbitrary<List<String>> extraHeaders() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      many.add("X-Many-" + i + ": " + i);
    }
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(List.<String>of())),
        Tuple.of(1, Arbitraries.of(
            List.of("X-Latin: \u00e9t\u00e9"), List.of("Connection: close"), List.of("Connection: Upgrade", "Upgrade: websocket"),
            List.of("Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA"),
            List.of("X-Empty:"), List.of("a line without a colon"), List.of(" X-Folded: continued"), List.of("X-Big: " + "b".repeat(9000)),
            List.of("Content-Encoding: gzip"), List.of("Transfer-Encoding: gzip"), List.of("X-Forwarded-For: ::::"),
            List.of("Forwarded: for=\"[::1"), List.of("Cookie: " + "c=1; ".repeat(500)), many)));
  }

  private static Arbitrary<String> version() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, Arbitraries.just("HTTP/1.1")), Tuple.of(2, Arbitraries.just("HTTP/1.0")),
        Tuple.of(1, Arbitraries.of("HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "FOO/1.1", "HTTP/1.1 extra", "")));
  }

  private static Arbitrary<RawRequest.Framing> framing() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.just(RawRequest.Framing.LENGTH)),
        Tuple.of(2, Arbitraries.just(RawRequest.Framing.ZERO_LENGTH)),
        Tuple.of(4, Arbitraries.just(RawRequest.Framing.CHUNKED)),
        Tuple.of(1, Arbitraries.of(RawRequest.Framing.CHUNKED_BROKEN, RawRequest.Framing.LENGTH_NOT_A_NUMBER,
            RawRequest.Framing.LENGTH_AND_CHUNKED, RawRequest.Framing.LENGTH_SHORT)));
  }

  private JsonObject requestSchema(JsonObject operation) {
    if (operation == null) {
      return null;
    }
    JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject());
    JsonObject json = content.getJsonObject("application/json");
    return json == null ? null : json.getJsonObject("schema");
  }

  private List<JsonObject> parameters(JsonObject operation, String in) {
    List<JsonObject> found = new ArrayList<>();
    if (operation == null) {
      return found;
    }
    for (Object raw : operation.getJsonArray("parameters", new JsonArray())) {
      JsonObject parameter = (JsonObject) raw;
      String ref = parameter.getString("$ref");
      if (ref != null && ref.startsWith("#/components/parameters/")) {
        parameter = document.getJsonObject("components").getJsonObject("parameters")
            .getJsonObject(ref.substring("#/components/parameters/".length()));
      }
      if (parameter != null && in.equals(parameter.getString("in"))) {
        found.add(parameter);
      }
    }
    return found;
  }
}
