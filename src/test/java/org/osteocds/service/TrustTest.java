package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
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

    /**
     * Every asymmetric algorithm an EHR may sign with verifies (CDS Hooks 2.0 recommends ES384 and RS384; the
     * elliptic-curve ones go through Bouncy Castle), and for each a signature changed by one bit, or made by another
     * key under the same key id, is refused.
     */
    @Test
    void eachAsymmetricAlgorithmVerifiesAndAForgedSignatureIsRefused() throws Exception {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
                JWSAlgorithm.RS384, JWSAlgorithm.PS384)) {
            JWK key = generate(alg, "k-" + alg);
            JWK other = generate(alg, "k-" + alg);
            keys.jwks = new JWKSet(key.toPublicJWK()).toString();
            Trust trust = new Trust(List.of(new ServiceConfig.Issuer(Tokens.ISSUER, keys.jwksUrl(), false, null)),
                    Clock.systemUTC());
            assertEquals(Tokens.ISSUER, trust.check(signed(alg, key), AUD).getIssuer(), alg.getName());
            java.security.Key publicKey = key instanceof ECKey ec ? ec.toECPublicKey()
                    : ((RSAKey) key).toRSAPublicKey();
            JWSVerifier verifier = Trust.verifier(new JWSHeader(alg), publicKey);
            assertEquals(key instanceof ECKey ? "BC" : null, verifier instanceof ECDSAVerifier v
                    ? v.getJCAContext().getProvider().getName() : null, alg + ": elliptic curves by Bouncy Castle");

            String good = signed(alg, key);
            int last = good.length() - 10;   // a character well inside the signature
            char flipped = good.charAt(last) == 'A' ? 'B' : 'A';
            String forged = good.substring(0, last) + flipped + good.substring(last + 1);
            assertThrows(Trust.Refused.class, () -> trust.check(forged, AUD), alg + ": one bit of the signature");
            assertThrows(Trust.Refused.class, () -> trust.check(signed(alg, other), AUD), alg + ": another key");
        }
    }

    private static JWK generate(JWSAlgorithm alg, String kid) throws Exception {
        return switch (alg.getName()) {
            case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
            case "ES384" -> new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
            case "ES512" -> new ECKeyGenerator(Curve.P_521).keyID(kid).generate();
            default -> new RSAKeyGenerator(2048).keyID(kid).generate();
        };
    }

    private static String signed(JWSAlgorithm alg, JWK key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(),
                Tokens.claims(AUD).build());
        jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
        return "Bearer " + jwt.serialize();
    }
}
