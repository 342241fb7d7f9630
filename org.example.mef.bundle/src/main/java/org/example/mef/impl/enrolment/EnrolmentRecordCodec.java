package org.example.mef.impl.enrolment;

import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import org.example.tef.api.EnrolmentKey;
import org.example.tef.api.Identifiers;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The stored form of an {@link EnrolmentRecord} (JSON, Ke in base64) and the key it is filed under. */
final class EnrolmentRecordCodec {
    private EnrolmentRecordCodec() {}

    /** KeIDs compare without regard to case in their relative part (10.6) and their FQDN (DNS). */
    static String lookupKey(String keId) {
        return Identifiers.parse(keId).toString().toLowerCase(Locale.ROOT);
    }

    static String encode(EnrolmentRecord r) {
        JsonObject o = new JsonObject();
        o.addProperty("rkeid", r.key().relativeKeId());
        o.addProperty("mef", r.key().mefFqdn());
        o.addProperty("ke", Base64.getEncoder().encodeToString(r.key().value()));
        o.addProperty("enrolee", r.enroleeId());
        o.addProperty("et", r.expiresAt().toEpochMilli());
        return o.toString();
    }

    static EnrolmentRecord decode(String stored) {
        JsonObject o = JsonParser.parseString(stored).getAsJsonObject();
        EnrolmentKey key = EnrolmentKey.of(o.get("rkeid").getAsString(), Base64.getDecoder().decode(o.get("ke").getAsString()),
                o.get("mef").getAsString());
        return new EnrolmentRecord(key, o.get("enrolee").getAsString(), Instant.ofEpochMilli(o.get("et").getAsLong()));
    }
}
