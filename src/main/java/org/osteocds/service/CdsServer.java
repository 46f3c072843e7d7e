package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osteocds.OsteoCds;
import org.osteocds.model.Ruleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the service on Jetty's core server: routes, trust, limits, CORS, health, metrics and a graceful
 * stop. Endpoints (docs/cds-hooks.md):
 * <ul>
 *   <li>{@code GET /cds-services}: discovery (open: it holds no patient data);</li>
 *   <li>{@code POST /cds-services/{id}}: a hook call (JWT);</li>
 *   <li>{@code POST /cds-services/{id}/feedback}: feedback on cards (JWT);</li>
 *   <li>{@code GET /feedback/summary}: feedback per advice code, for rule authors (an EHR's JWT, an operator token
 *       configured by its SHA-256, or open with --dev);</li>
 *   <li>{@code GET /health/live}, {@code /health/ready}, {@code /metrics} (Prometheus text).</li>
 * </ul>
 * Every response names the ruleset in the {@code X-Osteo-Cds-Ruleset} header; hook responses also in their
 * {@code extension}.
 */
final class CdsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdsServer.class);
    private static final String RULESET_HEADER = "X-Osteo-Cds-Ruleset";

    private final ServiceConfig config;
    private final Supplier<OsteoCds> cds;
    private final Trust trust;
    private final boolean dev;
    private final Store store;
    private final Audit audit;
    private final Hooks hooks;
    /**
     * Reads requests as the FHIR mapping reads files: decimals exactly as written, and a key given twice in an
     * object refused (400), never resolved silently to its last value (a second birthDate would make a child).
     */
    private final ObjectMapper json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            // checked as the tree is built (a key already in its object): the same refusal as the parser's strict
            // duplicate detection, without its set of names per object (15% of the parse: docs/performance.md)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private final Semaphore assessing;
    private final Metrics metrics = new Metrics();
    /** Records of concurrent calls assessed together, on at most as many workers as cores. */
    private final Batching batching = new Batching(Runtime.getRuntime().availableProcessors());
    private final RecentCards recent = new RecentCards(100_000);
    private final Server server;
    private final ServerConnector connector;
    private String baseUrl;

    /**
     * @param config the settings
     * @param cds    the current rules (a {@code HotReload}'s {@code current}, or one fixed engine)
     * @param store  the database
     * @param host   the address to listen on
     * @param port   the port (0: any free one)
     * @param dev    no authentication at all (development only)
     */
    CdsServer(ServiceConfig config, Supplier<OsteoCds> cds, Store store, String host, int port, boolean dev) {
        this.config = config;
        this.cds = cds;
        this.dev = dev;
        this.store = store;
        this.trust = new Trust(config.trustedIssuers(), java.time.Clock.systemUTC());
        this.audit = new Audit(store, config.auditFlushMillis());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.fhirTimeoutSeconds()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.hooks = new Hooks(cds, new Prefetch(http, json, Duration.ofSeconds(config.fhirTimeoutSeconds())),
                config.zone(), json, batching);
        this.assessing = new Semaphore(config.maxConcurrentAssessments());
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("osteo-cds-http");
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(Set.copyOf(config.corsOrigins().stream()
                .map(o -> o.equals("*") ? ".*" : java.util.regex.Pattern.quote(o)).toList()));
        cors.setAllowedMethods(Set.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(Set.of("Authorization", "Content-Type", "Accept"));
        cors.setExposedHeaders(Set.of(RULESET_HEADER));
        cors.setAllowCredentials(false);
        SizeLimitHandler limit = new SizeLimitHandler(config.maxBodyBytes(), -1);
        limit.setHandler(new Routes());
        cors.setHandler(limit);
        GracefulHandler graceful = new GracefulHandler(cors);
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrors());
        server.setStopTimeout(10_000);
        server.setStopAtShutdown(false);
    }

    /**
     * Starts listening.
     *
     * @return this
     * @throws Exception when the port cannot be opened
     */
    CdsServer start() throws Exception {
        server.start();
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "localhost"
                : connector.getHost();
        baseUrl = config.publicBaseUrl() != null ? config.publicBaseUrl()
                : "http://" + host + ":" + connector.getLocalPort();
        if (dev) {
            LOG.warn("*** DEVELOPMENT MODE: no authentication, every caller is trusted. Never use --dev with real "
                    + "patients. ***");
        } else if (!trust.configured()) {
            LOG.warn("no trusted issuer configured: every call will be refused (401). Configure trustedIssuers "
                    + "(serve --config FILE) or run with --dev for development.");
        }
        LOG.info("CDS Hooks service at {} (discovery: {}/cds-services), ruleset {}", baseUrl, baseUrl,
                identity(cds.get().ruleset()));
        return this;
    }

    /** @return the port listened on */
    int port() {
        return connector.getLocalPort();
    }

    /** @return the base URL JWT audiences are checked against */
    String baseUrl() {
        return baseUrl;
    }

    /** Waits until the server stops. */
    void join() throws InterruptedException {
        server.join();
    }

    /** Stops taking calls, finishes those in flight (up to 10 s), writes the audit rows queued, closes the database. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the server: {}", e.toString());
        }
        audit.close();
        store.close();
    }

    /** For tests: waits until queued audit rows are written. */
    void flushAudit() {
        audit.flushNow();
    }

    Store store() {
        return store;
    }

    private static String identity(Ruleset r) {
        return r.id() + " " + r.version() + " " + r.sha256();
    }

    /** Errors Jetty answers itself (a body over the limit, a bad request line) in the service's JSON shape. */
    private final class JsonErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            response.getHeaders().put(RULESET_HEADER, identity(cds.get().ruleset()));
            send(response, callback, code, json.createObjectNode().put("error", code == 413
                    ? "the body is larger than " + config.maxBodyBytes() + " bytes"
                    : message == null ? HttpStatus.getMessage(code) : message));
        }
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            response.getHeaders().put(RULESET_HEADER, identity(cds.get().ruleset()));
            if (dev) {
                response.getHeaders().put("X-Osteo-Cds-Dev", "no authentication");
            }
            try {
                if (path.equals("/cds-services") && method.equals("GET")) {
                    send(response, callback, 200, hooks.discovery());
                } else if (path.startsWith("/cds-services/") && method.equals("POST")) {
                    String rest = path.substring("/cds-services/".length());
                    boolean feedback = rest.endsWith("/feedback");
                    String id = feedback ? rest.substring(0, rest.length() - "/feedback".length()) : rest;
                    if (!Hooks.SERVICES.containsKey(id)) {
                        error(response, callback, 404, "no CDS service '" + id + "' (see GET /cds-services)");
                    } else if (feedback) {
                        feedback(request, response, callback, id, path);
                    } else {
                        hook(request, response, callback, id, path, start);
                    }
                } else if (path.equals("/feedback/summary") && method.equals("GET")) {
                    if (!operator(request) && authorized(request, Set.of(baseUrl + path)) == null) {
                        unauthorized(response, callback);
                    } else {
                        send(response, callback, 200, json.valueToTree(Map.of("byAdviceCode", store.summary())));
                    }
                } else if (path.equals("/health/live") && method.equals("GET")) {
                    send(response, callback, 200, json.createObjectNode().put("status", "up"));
                } else if (path.equals("/health/ready") && method.equals("GET")) {
                    boolean db = store.ready();
                    send(response, callback, db ? 200 : 503, json.createObjectNode().put("status", db ? "ready"
                            : "database unavailable").put("ruleset", identity(cds.get().ruleset())));
                } else if (path.equals("/metrics") && method.equals("GET")) {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    response.setStatus(200);
                    Content.Sink.write(response, true, metrics.text(audit, assessing, config, batching), callback);
                } else {
                    error(response, callback, 404, "no such endpoint: " + method + " " + path);
                }
            } catch (Exception e) {
                LOG.error("{} {} failed", method, path, e);
                if (!response.isCommitted()) {
                    error(response, callback, 500, "internal error");
                } else {
                    callback.failed(e);
                }
            }
            return true;
        }
    }

    /**
     * Who called.
     *
     * @param name        {@code iss} and {@code sub}, or {@code dev}
     * @param fhirServers the FHIR servers its calls may name ({@code null}: any)
     */
    private record Caller(String name, List<String> fhirServers) {
    }

    /** @return whether the call bears an operator's token (its SHA-256 is configured; compared in constant time) */
    private boolean operator(Request request) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (config.operatorTokenSha256().isEmpty() || auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] hash = Trust.sha256(auth.substring(7).trim());
        boolean match = false;
        for (String known : config.operatorTokenSha256()) {
            match |= java.security.MessageDigest.isEqual(hash, java.util.HexFormat.of().parseHex(known));
        }
        return match;
    }

    /** @return the caller, or {@code null} when the call is not trusted (nothing else is said: a bare 401) */
    private Caller authorized(Request request, Set<String> audiences) {
        if (dev) {
            return new Caller("dev", null);
        }
        try {
            JWTClaimsSet claims = trust.check(request.getHeaders().get(HttpHeader.AUTHORIZATION), audiences);
            ServiceConfig.Issuer issuer = trust.issuer(claims.getIssuer());
            return new Caller(claims.getIssuer() + (claims.getSubject() == null ? "" : " " + claims.getSubject()),
                    issuer == null || issuer.fhirServers().isEmpty() ? null : issuer.fhirServers());
        } catch (Trust.Refused e) {
            metrics.refused.incrementAndGet();
            LOG.warn("401: {}", e.getMessage());
            return null;
        }
    }

    private void hook(Request request, Response response, Callback callback, String id, String path, long start)
            throws Exception {
        Caller caller = authorized(request, Set.of(baseUrl + path));
        if (caller == null) {
            metrics.call(id, 401, 0);   // counted, not audited: a flood of bad calls must not fill the audit table
            unauthorized(response, callback);
            return;
        }
        JsonNode body = body(request, response, callback);
        if (body == null) {
            audit(caller.name(), id, null, 400, null, start);
            return;
        }
        Hooks.Answer answer;
        try {
            Hooks.Prepared prepared = hooks.prepare(id, body, caller.fhirServers());   // may wait on the EHR: no slot
            if (!assessing.tryAcquire(config.requestTimeoutSeconds(), TimeUnit.SECONDS)) {
                audit(caller.name(), id, body, 503, null, start);
                error(response, callback, 503, "too many calls at once; try again");
                return;
            }
            try {
                answer = hooks.answer(prepared);
            } finally {
                assessing.release();
            }
        } catch (Hooks.BadRequest e) {
            audit(caller.name(), id, body, 400, null, start);
            error(response, callback, 400, e.getMessage());
            return;
        } catch (Prefetch.Unavailable e) {
            LOG.info("412 for {} ({}): {}", id, Prefetch.text(body, "hookInstance"), e.getMessage());
            audit(caller.name(), id, body, 412, null, start);
            error(response, callback, 412, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("{} ({}) failed", id, Prefetch.text(body, "hookInstance"), e);
            audit(caller.name(), id, body, 500, null, start);
            error(response, callback, 500, "internal error");
            return;
        }
        for (Store.CardRow c : answer.cards()) {
            recent.put(c);
        }
        metrics.cards.addAndGet(answer.cards().size());
        audit(caller.name(), id, body, 200, answer, start);   // queued before the answer leaves: a caller never outruns it
        send(response, callback, 200, answer.response());
    }

    private void audit(String caller, String id, JsonNode body, int status, Hooks.Answer answer, long start) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        metrics.call(id, status, millis);
        Ruleset r = answer != null ? answer.assessment().ruleset() : cds.get().ruleset();
        audit.record(new Store.AuditRow(Instant.now(), caller, id, body == null ? null : Prefetch.text(body, "hook"),
                body == null ? null : Prefetch.text(body, "hookInstance"),
                body == null ? null : Prefetch.text(body.path("context"), "patientId"),
                answer == null ? null : answer.assessment().status().code(),
                answer == null ? List.of() : Hooks.codes(answer.cards()), r.id(), r.version(), r.sha256(), status,
                millis), answer == null ? List.of() : answer.cards());
    }

    private void feedback(Request request, Response response, Callback callback, String id, String path)
            throws Exception {
        // a token for the feedback endpoint, or (as some EHRs send) for the service it is about
        Caller caller = authorized(request, Set.of(baseUrl + path, baseUrl + "/cds-services/" + id));
        if (caller == null) {
            unauthorized(response, callback);
            return;
        }
        JsonNode body = body(request, response, callback);
        if (body == null) {
            return;
        }
        List<Store.FeedbackRow> rows;
        try {
            rows = Feedback.rows(body, id, caller.name());
        } catch (Hooks.BadRequest e) {
            error(response, callback, 400, e.getMessage());
            return;
        }
        store.feedback(rows, recent::get);
        metrics.feedback.addAndGet(rows.size());
        response.setStatus(200);
        callback.succeeded();
    }

    /** @return the request's JSON, or {@code null} after answering 400/413 */
    private JsonNode body(Request request, Response response, Callback callback) {
        return JsonExchange.body(json, request, response, callback, config.maxBodyBytes());
    }

    private void unauthorized(Response response, Callback callback) {
        response.setStatus(HttpStatus.UNAUTHORIZED_401);
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        callback.succeeded();
    }

    private void error(Response response, Callback callback, int status, String message) {
        JsonExchange.send(json, response, callback, status, json.createObjectNode().put("error", message));
    }

    private void send(Response response, Callback callback, int status, JsonNode body) {
        JsonExchange.send(json, response, callback, status, body);
    }
}
