package org.osteocds.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** JWTs as an EHR mints them (CDS Hooks 2.0), and broken ones, for the service tests. */
final class Tokens {
    static final String ISSUER = "https://ehr.example.org";

    final RSAKey key;
    final RSAKey stranger;

    Tokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("ehr-key-1").generate();
            stranger = new RSAKeyGenerator(2048).keyID("ehr-key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the EHR's public JWKS */
    String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** @return good claims for an endpoint: issued now, expiring in 5 minutes, a fresh jti */
    static JWTClaimsSet.Builder claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("client-42").audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** @return a bearer header signed with the EHR's key */
    String bearer(String audience) {
        return bearer(audience, UnaryOperator.identity());
    }

    String bearer(String audience, UnaryOperator<JWTClaimsSet.Builder> change) {
        return "Bearer " + sign(key, change.apply(claims(audience)).build());
    }

    /** @return a bearer header signed with a key the EHR's JWKS does not hold (same key id) */
    String bearerFromStranger(String audience) {
        return "Bearer " + sign(stranger, claims(audience).build());
    }

    /** @return an unsigned token ({@code alg: none}) */
    static String bearerUnsigned(String audience) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String body = Base64URL.encode(claims(audience).build().toString().getBytes(StandardCharsets.UTF_8)).toString();
        return "Bearer " + header + "." + body + ".";
    }

    /** @return a token signed with HMAC over the public key's modulus (the classic algorithm-confusion attack) */
    String bearerHmac(String audience) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    claims(audience).build());
            jwt.sign(new MACSigner(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
            return "Bearer " + jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey k, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(k.getKeyID())
                    .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(k));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
