package org.osteocds.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.Key;
import java.security.Provider;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the JWT an EHR sends with every call, as CDS Hooks 2.0 "Trusting CDS Clients" asks: the issuer is one of
 * the configured ones; the signature verifies with a key of that issuer's JWKS (fetched, cached and re-fetched when
 * an unknown key id appears; a {@code jku} header only where the issuer allows it and under its prefix); only
 * asymmetric algorithms; {@code aud} is the endpoint's public URL; {@code exp}, {@code iat} and {@code jti} are
 * present, the token is current, and its {@code jti} was not seen before (kept in memory until the token
 * expires). The token itself is never logged or stored: a refusal logs only its reason.
 */
final class Trust {
    /** The algorithms accepted: RSA and elliptic-curve signatures only (no {@code none}, no HMAC). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);
    /** Clock skew allowed between the EHR and the service. */
    static final Duration SKEW = Duration.ofSeconds(60);
    /** CDS Hooks: the token's lifetime is at most five minutes. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    /** The most JWKS URLs whose keys are kept (configured ones and jku URLs). */
    static final int MAX_KEY_SOURCES = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Trust.class);

    /**
     * Elliptic-curve signatures (ES256, ES384, ES512) are verified by Bouncy Castle: the JDK's constant-time code,
     * written for signing with secret keys, takes 2 to 3.5 times as long to verify one (ES384: 2.3 ms against
     * 0.7 ms on this project's machines, docs/performance.md), and a verification handles only public data. RSA
     * stays with the JDK (as fast either way). The provider is made on the first EC token, not registered globally.
     */
    private static final class EcProvider {
        static final Provider INSTANCE = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }

    /** Nimbus's verifiers, with Bouncy Castle for elliptic-curve keys. */
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory() {
        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            JWSVerifier verifier = super.createJWSVerifier(header, key);
            if (verifier instanceof ECDSAVerifier ec) {
                ec.getJCAContext().setProvider(EcProvider.INSTANCE);
            }
            return verifier;
        }
    };

    /**
     * @param header a token's header
     * @param key    the public key it names
     * @return the verifier a token's signature is checked with
     * @throws JOSEException when no verifier fits the key
     */
    static JWSVerifier verifier(JWSHeader header, Key key) throws JOSEException {
        return VERIFIERS.createJWSVerifier(header, key);
    }

    /** Why a token was refused (logged, never sent: the response is a bare 401). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private final Map<String, ServiceConfig.Issuer> issuers = new HashMap<>();
    private final Map<String, JWKSource<SecurityContext>> keySources = new ConcurrentHashMap<>();
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastPurge = new java.util.concurrent.atomic.AtomicLong();
    private final Clock clock;

    /**
     * @param trusted the trusted issuers
     * @param clock   the clock tokens are checked against
     */
    Trust(List<ServiceConfig.Issuer> trusted, Clock clock) {
        for (ServiceConfig.Issuer i : trusted) {
            issuers.put(i.iss(), i);
        }
        this.clock = clock;
    }

    /**
     * @param iss an issuer
     * @return its configuration, or {@code null}
     */
    ServiceConfig.Issuer issuer(String iss) {
        return issuers.get(iss);
    }

    /** @return whether any issuer is trusted (without one every call is refused) */
    boolean configured() {
        return !issuers.isEmpty();
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @param audience      the public URL of the endpoint called
     * @return the verified claims
     * @throws Refused when the call must be answered 401, with the reason for the log
     */
    JWTClaimsSet check(String authorization, String audience) throws Refused {
        return check(authorization, Set.of(audience));
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @param audiences     the public URLs a token for this call may name as {@code aud}
     * @return the verified claims
     * @throws Refused when the call must be answered 401, with the reason for the log
     */
    JWTClaimsSet check(String authorization, Set<String> audiences) throws Refused {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Refused("no bearer token");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).trim());
        } catch (ParseException e) {
            throw new Refused("not a signed JWT (unsigned tokens, alg none, are refused)");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw new Refused("algorithm " + jwt.getHeader().getAlgorithm() + " is not an asymmetric one");
        }
        String iss;
        try {
            iss = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new Refused("unreadable claims");
        }
        ServiceConfig.Issuer issuer = iss == null ? null : issuers.get(iss);
        if (issuer == null) {
            throw new Refused("issuer '" + shorten(iss) + "' is not trusted");
        }
        JWKSource<SecurityContext> keys = keys(issuer, jwt.getHeader().getJWKURL());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWSVerifierFactory(VERIFIERS);
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(audiences,
                new JWTClaimsSet.Builder().issuer(iss).build(), Set.of("iss", "aud", "exp", "iat", "jti"), null) {
            @Override
            public Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        verifier.setMaxClockSkew((int) SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(verifier);
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new Refused(e.getMessage());
        }
        Instant now = clock.instant();
        Instant iat = claims.getIssueTime().toInstant();
        Instant exp = claims.getExpirationTime().toInstant();
        if (iat.isAfter(now.plus(SKEW))) {
            throw new Refused("issued in the future");
        }
        if (exp.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw new Refused("expires more than five minutes ahead");
        }
        purge(now);
        if (seen.putIfAbsent(iss + "\n" + claims.getJWTID(), exp.plus(SKEW)) != null) {
            throw new Refused("jti replayed");
        }
        return claims;
    }

    private JWKSource<SecurityContext> keys(ServiceConfig.Issuer issuer, URI jku) throws Refused {
        String url;
        if (jku != null) {
            if (!issuer.jkuAllowed() || !Urls.under(jku.toString(), issuer.jkuPrefix())) {
                throw new Refused("jku not allowed for this issuer");
            }
            url = jku.toString();
        } else if (issuer.jwksUrl() != null) {
            url = issuer.jwksUrl();
        } else {
            throw new Refused("no jku and no configured JWKS for this issuer");
        }
        try {
            URL u = URI.create(url).toURL();
            JWKSource<SecurityContext> known = keySources.get(url);
            if (known != null) {
                return known;
            }
            if (keySources.size() >= MAX_KEY_SOURCES) {   // jku URLs come from unverified tokens: bounded
                throw new Refused("too many JWKS URLs in use");
            }
            return keySources.computeIfAbsent(url, k -> JWKSourceBuilder.create(u).retrying(true).build());
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new Refused("bad JWKS URL");
        }
    }

    /** Forgets token ids whose tokens have expired; at most once a second, so no call pays for it twice. */
    private void purge(Instant now) {
        long last = lastPurge.get();
        if (now.toEpochMilli() - last < 1_000 || !lastPurge.compareAndSet(last, now.toEpochMilli())) {
            return;
        }
        seen.values().removeIf(expiry -> expiry.isBefore(now));
        if (seen.size() >= 1_000_000) {
            LOG.warn("{} unexpired token ids held for replay checks", seen.size());
        }
    }

    /** @return the SHA-256 of a text's UTF-8 bytes */
    static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String shorten(String s) {
        return s == null ? null : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
