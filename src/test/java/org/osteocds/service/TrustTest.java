package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The EHR's keys as they live: rotated, or named by {@code jku} where an issuer allows it. */
class TrustTest {
    static final String AUD = "https://cds.example.org/cds-services/osteo-cds-patient-view";
    static FhirStub keys;

    @BeforeAll
    static void start() throws Exception {
        keys = new FhirStub(Path.of(CdsServiceTest.SYNTHEA));
    }

    @AfterAll
    static void stop() {
        keys.close();
    }

    static String token(RSAKey key, URI jku) throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID());
        if (jku != null) {
            h.jwkURL(jku);
        }
        SignedJWT jwt = new SignedJWT(h.build(), Tokens.claims(AUD).build());
        jwt.sign(new RSASSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    @Test
    void aKeyAddedByRotationIsFetchedWhenATokenNamesIt() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("2026-01").generate();
        RSAKey next = new RSAKeyGenerator(2048).keyID("2026-02").generate();
        keys.jwks = new JWKSet(first.toPublicJWK()).toString();
        Trust trust = new Trust(List.of(new ServiceConfig.Issuer(Tokens.ISSUER, keys.jwksUrl(), false, null)),
                Clock.systemUTC());
        assertEquals(Tokens.ISSUER, trust.check(token(first, null), AUD).getIssuer());
        keys.jwks = new JWKSet(List.of(first.toPublicJWK(), next.toPublicJWK())).toString();
        assertEquals(Tokens.ISSUER, trust.check(token(next, null), AUD).getIssuer());
    }

    @Test
    void jkuIsFollowedOnlyWhereTheIssuerAllowsItAndUnderItsPrefix() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("sandbox").generate();
        keys.jwks = new JWKSet(key.toPublicJWK()).toString();
        URI jku = URI.create(keys.jwksUrl());
        String prefix = keys.jwksUrl().substring(0, keys.jwksUrl().indexOf("/jwks.json") + 1);
        Trust allowing = new Trust(List.of(new ServiceConfig.Issuer(Tokens.ISSUER, null, true, prefix)),
                Clock.systemUTC());
        assertEquals(Tokens.ISSUER, allowing.check(token(key, jku), AUD).getIssuer());

        Trust narrow = new Trust(List.of(new ServiceConfig.Issuer(Tokens.ISSUER, null, true,
                "https://sandbox.cds-hooks.org/")), Clock.systemUTC());
        Trust.Refused outside = assertThrows(Trust.Refused.class, () -> narrow.check(token(key, jku), AUD));
        assertTrue(outside.getMessage().contains("jku"), outside.getMessage());

        Trust pinned = new Trust(List.of(new ServiceConfig.Issuer(Tokens.ISSUER, keys.jwksUrl(), false, null)),
                Clock.systemUTC());
        assertThrows(Trust.Refused.class, () -> pinned.check(token(key, URI.create("https://evil.example.org/k")),
                AUD));
    }

    @Test
    void anIssuerMayNotAllowJkuWithoutAPrefix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ServiceConfig(null,
                List.of(new ServiceConfig.Issuer("https://ehr.example.org", null, true, null)), null, null, null, null,
                null, null, null, null, null));
        assertTrue(e.getMessage().contains("jkuPrefix"), e.getMessage());
    }
}
