package org.osteocds.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The service's settings, from the YAML file of {@code serve --config} (docs/cds-hooks.md lists every key), with
 * defaults for everything. Validated when read: a bad value is an error naming its key.
 *
 * @param publicBaseUrl          the URL EHRs call the service by (behind a proxy, the proxy's); every JWT's
 *                               {@code aud} must be this plus the endpoint path. Default {@code http://HOST:PORT}
 * @param trustedIssuers         the EHRs whose JWTs are accepted; none means every call is refused (unless dev)
 * @param timeZone               the zone whose date is {@code asOf} ({@code Europe/London}); default the system's
 * @param maxBodyBytes           the largest request body accepted (HTTP 413 above it)
 * @param requestTimeoutSeconds  how long a hook call may take, FHIR server calls included (HTTP 503 after it)
 * @param maxConcurrentAssessments how many hook calls are assessed at once (default 8 per core; the rules run on one
 *                                 worker per core, the others wait to join its next batch); the rest wait up to
 *                                 the timeout
 * @param fhirTimeoutSeconds     how long one call to the EHR's FHIR server may take
 * @param corsOrigins            origins allowed to call from a browser ({@code *}: any, as the public sandbox needs)
 * @param auditFlushMillis       how often audit records are written in one batch
 * @param bindAddress            the address to listen on; default every interface ({@code 0.0.0.0}), or only
 *                               loopback ({@code 127.0.0.1}) with {@code --dev}
 * @param operatorTokenSha256    the SHA-256 (hex) of bearer tokens that operators and rule authors may present to read
 *                               {@code GET /feedback/summary} without an EHR's JWT (the tokens themselves are never
 *                               written in the file); none: only a trusted EHR's JWT reads it
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ServiceConfig(
        @JsonProperty("publicBaseUrl") String publicBaseUrl,
        @JsonProperty("trustedIssuers") List<Issuer> trustedIssuers,
        @JsonProperty("timeZone") String timeZone,
        @JsonProperty("maxBodyBytes") Long maxBodyBytes,
        @JsonProperty("requestTimeoutSeconds") Integer requestTimeoutSeconds,
        @JsonProperty("maxConcurrentAssessments") Integer maxConcurrentAssessments,
        @JsonProperty("fhirTimeoutSeconds") Integer fhirTimeoutSeconds,
        @JsonProperty("corsOrigins") List<String> corsOrigins,
        @JsonProperty("auditFlushMillis") Integer auditFlushMillis,
        @JsonProperty("bindAddress") String bindAddress,
        @JsonProperty("operatorTokenSha256") List<String> operatorTokenSha256) {

    /**
     * One trusted EHR (CDS Hooks 2.0, "Trusting CDS Clients").
     *
     * @param iss       the issuer, exactly as in the JWT's {@code iss}
     * @param jwksUrl   where its public keys are (the JWKS); keys are cached and re-fetched when a new key id appears
     * @param allowJku  whether a JWT's {@code jku} header may name the JWKS instead (only URLs under
     *                  {@code jkuPrefix})
     * @param jkuPrefix the URL a {@code jku} must be at or under, when allowed
     * @param fhirServers the FHIR servers this EHR's calls may name as {@code fhirServer} (the service sends the
     *                    EHR's access token there); none listed: any https server
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Issuer(@JsonProperty("iss") String iss, @JsonProperty("jwksUrl") String jwksUrl,
                         @JsonProperty("allowJku") Boolean allowJku, @JsonProperty("jkuPrefix") String jkuPrefix,
                         @JsonProperty("fhirServers") List<String> fhirServers) {
        /** Copies. */
        public Issuer {
            fhirServers = fhirServers == null ? List.of() : List.copyOf(fhirServers);
        }

        /** For issuers that do not restrict their FHIR servers. */
        public Issuer(String iss, String jwksUrl, Boolean allowJku, String jkuPrefix) {
            this(iss, jwksUrl, allowJku, jkuPrefix, null);
        }

        /** @return whether {@code jku} is allowed */
        public boolean jkuAllowed() {
            return Boolean.TRUE.equals(allowJku);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Fills defaults and checks every value. */
    public ServiceConfig {
        trustedIssuers = trustedIssuers == null ? List.of() : List.copyOf(trustedIssuers);
        corsOrigins = corsOrigins == null ? List.of("*") : List.copyOf(corsOrigins);
        maxBodyBytes = maxBodyBytes == null ? 2_000_000L : maxBodyBytes;
        requestTimeoutSeconds = requestTimeoutSeconds == null ? 10 : requestTimeoutSeconds;
        maxConcurrentAssessments = maxConcurrentAssessments == null
                ? Runtime.getRuntime().availableProcessors() * 8 : maxConcurrentAssessments;
        fhirTimeoutSeconds = fhirTimeoutSeconds == null ? 5 : fhirTimeoutSeconds;
        auditFlushMillis = auditFlushMillis == null ? 500 : auditFlushMillis;
        operatorTokenSha256 = operatorTokenSha256 == null ? List.of() : operatorTokenSha256.stream()
                .map(h -> h == null ? "" : h.trim().toLowerCase(Locale.ROOT)).toList();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < operatorTokenSha256.size(); i++) {
            if (!operatorTokenSha256.get(i).matches("[0-9a-f]{64}")) {   // the value is a hash: safe to name its place
                problems.add("operatorTokenSha256[" + i + "]: not a SHA-256 in hex (64 characters 0-9a-f; e.g. "
                        + "printf %s \"$TOKEN\" | sha256sum)");
            }
        }
        positive(problems, "maxBodyBytes", maxBodyBytes);
        positive(problems, "requestTimeoutSeconds", requestTimeoutSeconds);
        positive(problems, "maxConcurrentAssessments", maxConcurrentAssessments);
        positive(problems, "fhirTimeoutSeconds", fhirTimeoutSeconds);
        positive(problems, "auditFlushMillis", auditFlushMillis);
        if (publicBaseUrl != null) {
            publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                    : publicBaseUrl;
            url(problems, "publicBaseUrl", publicBaseUrl);
        }
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                problems.add("timeZone: '" + timeZone + "' is not a time zone (e.g. Europe/London)");
            }
        }
        for (int i = 0; i < trustedIssuers.size(); i++) {
            Issuer t = trustedIssuers.get(i);
            String at = "trustedIssuers[" + i + "]";
            if (t == null || t.iss() == null || t.iss().isBlank()) {
                problems.add(at + ".iss: required");
                continue;
            }
            if (t.jwksUrl() == null && !t.jkuAllowed()) {
                problems.add(at + ".jwksUrl: required unless allowJku is true");
            }
            if (t.jwksUrl() != null) {
                url(problems, at + ".jwksUrl", t.jwksUrl());
            }
            if (t.jkuAllowed() && (t.jkuPrefix() == null || !t.jkuPrefix().startsWith("https://")
                    && !t.jkuPrefix().startsWith("http://127.0.0.1") && !t.jkuPrefix().startsWith("http://localhost"))) {
                problems.add(at + ".jkuPrefix: an https:// URL prefix is required when allowJku is true");
            }
            for (String f : t.fhirServers()) {
                url(problems, at + ".fhirServers", f);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad service configuration: " + String.join("; ", problems));
        }
    }

    /** @return the defaults: no trusted issuer, so every call is refused unless the service runs with --dev */
    public static ServiceConfig defaults() {
        return new ServiceConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * @param file a YAML file
     * @return its settings
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException when a key is unknown or a value is bad, naming it
     */
    public static ServiceConfig read(Path file) throws IOException {
        try {
            ServiceConfig c = YAML.readValue(Files.readString(file), ServiceConfig.class);
            return c == null ? defaults() : c;
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("bad service configuration " + file + ": unknown key '"
                    + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException(cause == e ? "bad service configuration " + file + ": "
                    + e.getOriginalMessage() : cause.getMessage(), e);
        }
    }

    /** @return the zone of {@code asOf} */
    public ZoneId zone() {
        return timeZone == null ? ZoneId.systemDefault() : ZoneId.of(timeZone);
    }

    private static void positive(List<String> problems, String key, Number n) {
        if (n.longValue() <= 0) {
            problems.add(key + ": must be positive, not " + n);
        }
    }

    private static void url(List<String> problems, String key, String url) {
        try {
            URI u = URI.create(url);
            String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || u.getHost() == null) {
                problems.add(key + ": '" + url + "' is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            problems.add(key + ": '" + url + "' is not a URL");
        }
    }
}
