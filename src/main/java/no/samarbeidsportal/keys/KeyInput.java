package no.samarbeidsportal.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import no.samarbeidsportal.system.Violations;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads the public keys in what a person pastes or uploads, or an API client posts (admin-api.md 3.7, 6.2): a JWK, a
 * JWK array or a JWKS; PEM public keys; X.509 certificates as PEM (one, or a chain leaf first) or DER. Certificates
 * become JWKs with {@code x5c} and {@code x5t#S256}, with the certificate's serial number as kid; a PEM key gets its
 * RFC 7638 thumbprint as kid. Each rule broken is a field error on {@code keys[i]}; the input itself is never echoed or
 * logged, as it may hold a private key.
 */
final class KeyInput {

    static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512");
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final int MIN_BITS = 2048;
    /** 9999-12-31T23:59:59Z: a later exp only means "no earlier end than a year", so it is capped here. */
    private static final long MAX_EXP = 253_402_300_799L;
    // any PEM private key block, also those PEMParser does not know (OpenSSH's own format, for one)
    private static final Pattern PRIVATE_PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientOrgno;
    private final Instant now;
    private final Violations violations;
    private final List<SubmittedKey> keys = new ArrayList<>();

    private KeyInput(String clientOrgno, Instant now, Violations violations) {
        this.clientOrgno = clientOrgno;
        this.now = now;
        this.violations = violations;
    }

    /** The keys in {@code body}; rule breaks are added to {@code violations}. */
    static List<SubmittedKey> read(byte[] body, String clientOrgno, Instant now, Violations violations) {
        KeyInput input = new KeyInput(clientOrgno, now, violations);
        input.read(body == null ? new byte[0] : body);
        return input.keys;
    }

    private void read(byte[] body) {
        String text = utf8(body);
        if (text == null) {
            der(body);
            return;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            violations.field("keys", "key.input.empty");
        } else if (PRIVATE_PEM.matcher(trimmed).find() || trimmed.startsWith("PuTTY-User-Key-File-")) {
            violations.field("keys", "key.private");
        } else if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            json(trimmed);
        } else if (trimmed.contains("-----BEGIN")) {
            pem(trimmed);
        } else {
            violations.field("keys", "key.input.unknown");
        }
    }

    private void json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            violations.field("keys", "key.json.malformed");
            return;
        }
        JsonNode list = root.isObject() && root.has("keys") ? root.get("keys") : root;
        if (list.isObject()) {
            jwk("keys[0]", list);
        } else if (list.isArray()) {
            if (list.isEmpty()) {
                violations.field("keys", "key.input.empty-set");
            }
            for (int i = 0; i < list.size(); i++) {
                jwk("keys[" + i + "]", list.get(i));
            }
        } else {
            violations.field("keys", "key.json.not-keys");
        }
    }

    private void jwk(String field, JsonNode node) {
        if (!isRsaPublicKey(field, node)) {
            return;
        }
        String kid = kid(field, node);
        checkUse(field, node);
        Instant exp = exp(field, node);
        List<X509Certificate> chain = chain(field, node);
        if (chain == null) {
            return;
        }
        RSAKey parsed = rsaKey(field, node, chain);
        if (parsed == null || kid == null) {
            return;
        }
        add(field, parsed, exp, chain);
    }

    /** True for a JSON object with an RSA public key's n and e and nothing private; else the error is added. */
    private boolean isRsaPublicKey(String field, JsonNode node) {
        if (!node.isObject()) {
            violations.field(field, "key.json.not-object");
            return false;
        }
        if (PRIVATE_MEMBERS.stream().anyMatch(node::has)) {
            violations.field(field, "key.private");
            return false;
        }
        if (!"RSA".equals(node.path("kty").asText())) {
            violations.field(field + ".kty", "key.kty.rsa-only", node.path("kty").asText(""));
            return false;
        }
        if (!node.path("n").isTextual() || !node.path("e").isTextual()) {
            violations.field(field, "key.n-e.required");
            return false;
        }
        return true;
    }

    /** The JWK's kid, which it must have; null when it has none (the error is added). */
    private String kid(String field, JsonNode node) {
        String kid = node.path("kid").isTextual() ? node.get("kid").asText() : null;
        if (kid == null || kid.isBlank()) {
            violations.field(field + ".kid", "key.kid.required");
            return null;
        }
        return kid;
    }

    private void checkUse(String field, JsonNode node) {
        if (!node.path("use").isTextual()) {
            violations.field(field + ".use", "key.use.required");
        } else if (!"sig".equals(node.get("use").asText())) {
            violations.field(field + ".use", "key.use.sig");
        }
    }

    /** The expiry the client asked for, capped at {@link #MAX_EXP}; null when none or not a number (error added). */
    private Instant exp(String field, JsonNode node) {
        if (!node.has("exp") || node.get("exp").isNull()) {
            return null;
        }
        if (!node.get("exp").canConvertToLong() || node.get("exp").asLong() < 0) {
            violations.field(field + ".exp", "key.exp.number");
            return null;
        }
        return Instant.ofEpochSecond(Math.min(node.get("exp").asLong(), MAX_EXP));
    }

    /**
     * The certificates in the JWK's x5c, leaf first; none when it has no x5c; null when x5c is not a non-empty array
     * of certificates (the error is added).
     */
    private List<X509Certificate> chain(String field, JsonNode node) {
        List<X509Certificate> chain = new ArrayList<>();
        if (!node.has("x5c")) {
            return chain;
        }
        JsonNode x5c = node.get("x5c");
        try {
            for (int i = 0; x5c.isArray() && i < x5c.size(); i++) {
                chain.add(certificate(java.util.Base64.getDecoder().decode(x5c.get(i).asText())));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            violations.field(field + ".x5c", "key.certificate.malformed");
            return null;
        }
        if (!x5c.isArray() || chain.isEmpty()) {
            violations.field(field + ".x5c", "key.certificate.malformed");
            return null;
        }
        return chain;
    }

    /** The JWK as Nimbus reads it, carrying {@code chain}; null when unreadable or the chain is another key's. */
    private RSAKey rsaKey(String field, JsonNode node, List<X509Certificate> chain) {
        try {
            RSAKey parsed = RSAKey.parse(publicMembers(node));
            if (!chain.isEmpty() && !chain.get(0).getPublicKey().equals(parsed.toRSAPublicKey())) {
                violations.field(field + ".x5c", "key.x5c.mismatch");
                return null;
            }
            return chain.isEmpty() ? parsed : new RSAKey.Builder(parsed).x509CertChain(encoded(chain))
                    .x509CertSHA256Thumbprint(X509CertUtils.computeSHA256Thumbprint(chain.get(0))).build();
        } catch (java.text.ParseException | IllegalArgumentException | IllegalStateException
                | CertificateException | com.nimbusds.jose.JOSEException e) {
            violations.field(field, "key.jwk.malformed");
            return null;
        }
    }

    private static Map<String, Object> publicMembers(JsonNode node) {
        @SuppressWarnings("unchecked")
        Map<String, Object> members = JSON.convertValue(node, Map.class);
        // the certificate chain is checked apart, with messages of its own; exp is the portal's to set
        for (String member : List.of("exp", "iat", "nbf", "x5c", "x5t", "x5t#S256", "x5u")) {
            members.remove(member);
        }
        members.putIfAbsent("alg", "RS256");
        return members;
    }

    private void pem(String text) {
        List<X509Certificate> chain = new ArrayList<>();
        int index = 0;
        if (!pemBodiesAreDer(text)) {
            violations.field("keys", "key.pem.malformed");
            return;
        }
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(certificate(holder.getEncoded()));
                } else if (item instanceof SubjectPublicKeyInfo info) {
                    if (!(new JcaPEMKeyConverter().getPublicKey(info) instanceof RSAPublicKey rsa)) {
                        violations.field("keys[" + index++ + "].kty", "key.kty.rsa-only", "EC");
                        continue;
                    }
                    RSAKey key = new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                            .keyIDFromThumbprint().build();
                    add("keys[" + index++ + "]", key, null, List.of());
                } else {
                    // PEMKeyPair, PrivateKeyInfo, encrypted private keys: never kept, never echoed
                    violations.field("keys", "key.private");
                    return;
                }
            }
        } catch (IOException | CertificateException | com.nimbusds.jose.JOSEException | RuntimeException e) {
            violations.field("keys", "key.pem.malformed");
            return;
        }
        if (!chain.isEmpty()) {
            fromCertificates("keys[" + index + "]", chain);
        } else if (index == 0) {
            violations.field("keys", "key.pem.none");
        }
    }

    /** Every PEM block holds DER of bounded depth, checked before BouncyCastle builds its (recursive) ASN.1 tree. */
    private static boolean pemBodiesAreDer(String text) {
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject block;
            while ((block = reader.readPemObject()) != null) {
                if (!Certificates.isDer(block.getContent())) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void der(byte[] body) {
        try {
            fromCertificates("keys[0]", List.of(certificate(body)));
        } catch (CertificateException | RuntimeException e) {
            violations.field("keys", "key.der.malformed");
        }
    }

    private void fromCertificates(String field, List<X509Certificate> chain) {
        if (!(chain.get(0).getPublicKey() instanceof RSAPublicKey rsa)) {
            violations.field(field + ".kty", "key.kty.rsa-only", chain.get(0).getPublicKey().getAlgorithm());
            return;
        }
        try {
            RSAKey key = new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(chain.get(0).getSerialNumber().toString(10)).x509CertChain(encoded(chain))
                    .x509CertSHA256Thumbprint(X509CertUtils.computeSHA256Thumbprint(chain.get(0))).build();
            add(field, key, null, chain);
        } catch (CertificateException e) {
            violations.field(field, "key.certificate.malformed");
        }
    }

    /** The rules every key meets, whatever form it came in. */
    private void add(String field, RSAKey key, Instant exp, List<X509Certificate> chain) {
        int errors = violations.count();
        String alg = key.getAlgorithm() == null ? "RS256" : key.getAlgorithm().getName();
        if (!ALGORITHMS.contains(alg)) {
            violations.field(field + ".alg", "key.alg.unknown", alg);
        }
        if (key.size() < MIN_BITS) {
            violations.field(field + ".n", "key.size.too-small", key.size());
        }
        if (!KID.matcher(key.getKeyID()).matches()) {
            violations.field(field + ".kid", "key.kid.format");
        }
        java.math.BigInteger e = key.getPublicExponent().decodeToBigInteger();
        // e = 1 makes every message its own signature; an even e is no RSA key
        if (e.compareTo(java.math.BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
            violations.field(field + ".e", "key.e.weak");
        }
        EnterpriseCertificate certificate = chain.isEmpty() ? null : certificateRules(field, chain);
        if (violations.count() == errors) {
            keys.add(new SubmittedKey(field, key, exp, certificate));
        }
    }

    private EnterpriseCertificate certificateRules(String field, List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
                violations.field(field + ".x5c", "key.x5c.order");
                break;
            }
        }
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            violations.field(field + ".x5c", "key.certificate.expired", leaf.getNotAfter().toInstant().toString());
        } catch (CertificateNotYetValidException e) {
            violations.field(field + ".x5c", "key.certificate.not-yet-valid",
                    leaf.getNotBefore().toInstant().toString());
        }
        java.math.BigInteger serial = leaf.getSerialNumber();
        // RFC 5280 4.1.2.2: a positive integer of at most 20 octets; it becomes the key's kid
        if (serial.signum() <= 0 || serial.bitLength() > 159) {
            violations.field(field + ".x5c", "key.certificate.serial");
        }
        if (leaf.hasUnsupportedCriticalExtension()) {
            violations.field(field + ".x5c", "key.certificate.critical-extension");
        }
        EnterpriseCertificate facts = EnterpriseCertificate.readable(leaf);
        if (facts == null) {
            violations.field(field + ".x5c", "key.certificate.name");
            return null;
        }
        if (facts.orgno() == null) {
            violations.field(field + ".x5c", "key.certificate.no-orgno");
        } else if (!facts.orgno().equals(clientOrgno)) {
            violations.field(field + ".x5c", "key.certificate.other-orgno", facts.orgno(), clientOrgno);
        }
        return facts;
    }

    /** The chain as a JWK's x5c: each certificate's DER in standard Base64, leaf first. */
    private static List<Base64> encoded(List<X509Certificate> chain) throws CertificateException {
        List<Base64> x5c = new ArrayList<>();
        for (X509Certificate c : chain) {
            x5c.add(Base64.encode(c.getEncoded()));
        }
        return x5c;
    }

    private static X509Certificate certificate(byte[] der) throws CertificateException {
        return Certificates.parse(der);
    }

    /** The body as text, or null when it is binary (a DER certificate). */
    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
            return text.chars().anyMatch(c -> c == 0) ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
