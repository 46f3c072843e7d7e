package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The EHR side of the service's load test ({@code bin/bench-service}, docs/performance.md): a real FHIR server and
 * JWKS on loopback ({@link FhirStub}, one Synthea patient), a service configuration that trusts it, pre-minted
 * JWTs (one fresh {@code jti} per request, valid five minutes), and two request bodies: with the prefetch the
 * discovery templates ask for, and without (the service fetches everything). Stays up until killed.
 * {@code java ... LoadRig OUT-DIR BASE-URL} (the rig), {@code java ... LoadRig mint OUT-DIR N} (N more tokens
 * into {@code OUT-DIR/tokens.txt}, signed with the rig's key: tokens live five minutes, so each run mints its own).
 * Tokens are signed with the algorithm in {@code JWT_ALG}: RS384 by default (with ES384, the algorithm CDS Hooks 2.0
 * recommends; a 2048-bit RSA key), or ES384 or ES256. Minting uses every core (RSA signatures are slow to make).
 */
public final class LoadRig {
    private LoadRig() {
    }

    /** @param args the rig's output folder and the service's base URL, or {@code mint}, the folder and a count */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("mint")) {
            mint(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        Path out = Path.of(args[0]);
        String base = args[1];
        Files.createDirectories(out);
        FhirStub fhir = new FhirStub(Path.of(CdsServiceTest.SYNTHEA));
        JWSAlgorithm alg = JWSAlgorithm.parse(System.getenv().getOrDefault("JWT_ALG", "RS384"));
        String kid = "load-" + System.nanoTime();
        JWK key = switch (alg.getName()) {
            case "RS384" -> new RSAKeyGenerator(2048).keyID(kid).algorithm(alg).generate();
            case "ES384" -> new ECKeyGenerator(Curve.P_384).keyID(kid).algorithm(alg).generate();
            case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(alg).generate();
            default -> throw new IllegalArgumentException("JWT_ALG must be RS384, ES384 or ES256, not " + alg);
        };
        fhir.jwks = new JWKSet(key.toPublicJWK()).toString();
        Files.writeString(out.resolve("ehr-key.jwk"), key.toJSONString());
        Files.writeString(out.resolve("audience.txt"), base + "/cds-services/" + Hooks.PATIENT_VIEW);
        Files.writeString(out.resolve("service.yaml"), "publicBaseUrl: " + base + "\ntrustedIssuers:\n  - iss: "
                + Tokens.ISSUER + "\n    jwksUrl: " + fhir.jwksUrl() + "\ntimeZone: Europe/London\n"
                + System.getenv().getOrDefault("SERVICE_YAML", "").replace("\\n", "\n"));   // extra settings to try
        CdsServiceTest.fhir = fhir;   // the request builders read the stub
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> prefetch = CdsServiceTest.fullPrefetch();
        ObjectNode observations = fhir.searchset("Observation");
        List<String> codes = Prefetch.templates(org.osteocds.io.FhirInput.observationCodes(
                org.osteocds.OsteoCds.bundled())).get(CdsServiceTest.OBSERVATIONS).replaceAll(".*&code=", "").lines()
                .toList();
        observations.set("entry", filtered(json, observations.path("entry"), String.join(",", codes)));
        prefetch.put(CdsServiceTest.OBSERVATIONS, observations);
        Files.writeString(out.resolve("with-prefetch.json"), CdsServiceTest.patientView(prefetch, true).toString());
        Files.writeString(out.resolve("without-prefetch.json"), CdsServiceTest.patientView(Map.of(), true).toString());
        System.out.println("ready " + fhir.base());
        Thread.currentThread().join();
    }

    private static void mint(Path dir, int n) throws Exception {
        JWK key = JWK.parse(Files.readString(dir.resolve("ehr-key.jwk")));
        String aud = Files.readString(dir.resolve("audience.txt")).trim();
        JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(key.getAlgorithm().getName())).keyID(key.getKeyID()).build();
        List<String> tokens = java.util.stream.IntStream.range(0, n).parallel().mapToObj(i -> {
            SignedJWT jwt = new SignedJWT(header, Tokens.claims(aud).build());
            try {
                jwt.sign(signer);
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
            return "Bearer " + jwt.serialize();
        }).toList();
        Files.write(dir.resolve("tokens.txt"), tokens, StandardCharsets.US_ASCII);
    }

    /** The Observations a FHIR server gives for the discovery template's codes. */
    private static JsonNode filtered(ObjectMapper json, JsonNode entries, String codes) {
        var out = json.createArrayNode();
        for (JsonNode e : entries) {
            for (JsonNode c : e.path("resource").path("code").path("coding")) {
                if (java.util.Set.of(codes.split(",")).contains(c.path("system").asText() + "|"
                        + c.path("code").asText())) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }
}
