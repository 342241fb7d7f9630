package org.example.mef.impl.commands;

import static org.example.mef.impl.commands.CommandWireNames.CERT_PROV_CMD_ARGS;
import static org.example.mef.impl.commands.CommandWireNames.CERT_PROV_PROTOCOL_ID;
import static org.example.mef.impl.commands.CommandWireNames.CERT_SUBJECT_ID;
import static org.example.mef.impl.commands.CommandWireNames.CERT_SUBJECT_TYPE;
import static org.example.mef.impl.commands.CommandWireNames.DEVICE_CONFIG_URI;
import static org.example.mef.impl.commands.CommandWireNames.DEV_CFG_CMD_ARGS;
import static org.example.mef.impl.commands.CommandWireNames.MO_NODE_CMD_ARGS;
import static org.example.mef.impl.commands.CommandWireNames.NO_MORE_CMD_ARGS;
import static org.example.mef.impl.commands.CommandWireNames.OBJECT_PATH;
import static org.example.mef.impl.commands.CommandWireNames.OBJECT_TYPE_ID;
import static org.example.mef.impl.commands.CommandWireNames.OBJECT_TYPE_SPECIFIC_ARGS;
import static org.example.mef.impl.commands.CommandWireNames.OBJECT_TYPE_SPECIFIC_ARGS_AS_TABLED;
import static org.example.mef.impl.commands.CommandWireNames.RETRY_DURATION;
import static org.example.mef.impl.commands.CommandWireNames.SUID;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

/**
 * sec:cmdArgs (TS-0003 12.4.5): an xs:choice of one element per {@link CommandClass}. Each variant checks its values
 * when it is made; a bad one is an {@link IllegalArgumentException} saying which element and why.
 */
public sealed interface CommandArgs {
    CommandClass commandClass();

    /** The element's name in the choice, e.g. {@code certProvCmdArgs}. */
    String elementName();

    /** The element's content, without the choice's member name. */
    JsonObject toJson();

    /** Reads {@code {"<element>": {...}}}, which must be the element of {@code commandClass} (12.4.5: one row only). */
    static CommandArgs fromJson(CommandClass commandClass, JsonObject cmdArgs) {
        String expected = elementOf(commandClass);
        if (cmdArgs.size() != 1 || !JsonFields.has(cmdArgs, expected)) {
            throw new IllegalArgumentException("cmdArgs of a " + commandClass + " command holds exactly one element, " + expected
                    + ", not " + cmdArgs.keySet() + " (TS-0003 12.4.5, " + commandClass.clause() + ")");
        }
        JsonObject o = JsonFields.object(cmdArgs, expected, "cmdArgs");
        switch (commandClass) {
            case NO_MORE_COMMANDS: return NoMoreCommands.fromJson(o);
            case CERT_PROV: return CertProv.fromJson(o);
            case DEV_CFG: return DevCfg.fromJson(o);
            default: return MoNode.fromJson(o);
        }
    }

    static String elementOf(CommandClass c) {
        switch (c) {
            case NO_MORE_COMMANDS: return NO_MORE_CMD_ARGS;
            case CERT_PROV: return CERT_PROV_CMD_ARGS;
            case DEV_CFG: return DEV_CFG_CMD_ARGS;
            default: return MO_NODE_CMD_ARGS;
        }
    }

    /**
     * sec:noMoreCmdArgs (12.4.6, 8.3.9.6). retryDuration is an xs:duration; this project writes and reads the part of
     * it with a fixed length (days, hours, minutes, seconds: {@code PT1H}, {@code P1DT12H}); years and months are
     * refused rather than guessed.
     */
    record NoMoreCommands(Duration retryDuration) implements CommandArgs {
        private static final Pattern FIXED_LENGTH = Pattern.compile("P(?=\\d|T\\d)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");

        public NoMoreCommands {
            Objects.requireNonNull(retryDuration, "retryDuration");
            if (retryDuration.isNegative() || retryDuration.isZero()) throw new IllegalArgumentException(
                    "retryDuration must be longer than zero, not " + retryDuration + " (TS-0003 8.3.9.6)");
        }

        /** @param text an xs:duration of days to seconds, e.g. {@code PT1H} */
        public static NoMoreCommands parse(String text) {
            if (!FIXED_LENGTH.matcher(text).matches()) throw new IllegalArgumentException("retryDuration '" + text
                    + "' is not an xs:duration of days, hours, minutes and seconds such as PT1H or P1DT12H (years and months have no fixed length)");
            try {
                return new NoMoreCommands(Duration.parse(text));
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("retryDuration '" + text + "' is out of range");
            }
        }

        @Override public CommandClass commandClass() { return CommandClass.NO_MORE_COMMANDS; }
        @Override public String elementName() { return NO_MORE_CMD_ARGS; }

        @Override
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty(RETRY_DURATION, retryDuration.toString()); // PT1H, PT36H, PT0.5S: valid xs:duration for a positive value
            return o;
        }

        static NoMoreCommands fromJson(JsonObject o) {
            JsonFields.only(o, Set.of(RETRY_DURATION), NO_MORE_CMD_ARGS);
            return parse(JsonFields.string(o, RETRY_DURATION, NO_MORE_CMD_ARGS));
        }
    }

    /** sec:certProvProtocolID (12.3.2.5). */
    enum CertProvProtocol {
        EST(1), SCEP(2);
        final int code;
        CertProvProtocol(int code) { this.code = code; }
        public int code() { return code; }
        public static CertProvProtocol of(int code) {
            for (CertProvProtocol p : values()) if (p.code == code) return p;
            throw new IllegalArgumentException("certProvProtocolID " + code + " is neither 1 (EST) nor 2 (SCEP) (TS-0003 12.3.2.5)");
        }
    }

    /** sec:certSubjectType (12.3.2.6). */
    enum CertSubjectType {
        NODE_ID(1), CSE_ID(2), AE_ID(3);
        final int code;
        CertSubjectType(int code) { this.code = code; }
        public int code() { return code; }
        public static CertSubjectType of(int code) {
            for (CertSubjectType t : values()) if (t.code == code) return t;
            throw new IllegalArgumentException("certSubjectType " + code + " is not 1 (Node-ID), 2 (CSE-ID) or 3 (AE-ID) (TS-0003 12.3.2.6)");
        }
    }

    /** sec:certProvCmdArgs (12.4.7, 8.3.9.7): which protocol, where, and for which subject. */
    record CertProv(CertProvProtocol protocol, URI uri, CertSubjectType subjectType, String subjectId) implements CommandArgs {
        public CertProv {
            Objects.requireNonNull(protocol, "certProvProtocolID");
            requireServerUri(uri, "the certificate provisioning URI");
            Objects.requireNonNull(subjectType, "certSubjectType");
            requireToken(subjectId, "certSubjectID (a Node-ID, CSE-ID or AE-ID)");
        }

        @Override public CommandClass commandClass() { return CommandClass.CERT_PROV; }
        @Override public String elementName() { return CERT_PROV_CMD_ARGS; }

        @Override
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty(CERT_PROV_PROTOCOL_ID, protocol.code);
            o.addProperty(CommandWireNames.URI, uri.toString());
            o.addProperty(CERT_SUBJECT_TYPE, subjectType.code);
            o.addProperty(CERT_SUBJECT_ID, subjectId);
            return o;
        }

        static CertProv fromJson(JsonObject o) {
            String w = CERT_PROV_CMD_ARGS;
            JsonFields.only(o, Set.of(CERT_PROV_PROTOCOL_ID, CommandWireNames.URI, CERT_SUBJECT_TYPE, CERT_SUBJECT_ID), w);
            return new CertProv(CertProvProtocol.of(JsonFields.integer(o, CERT_PROV_PROTOCOL_ID, w)),
                    parseUri(JsonFields.string(o, CommandWireNames.URI, w), "URI"),
                    CertSubjectType.of(JsonFields.integer(o, CERT_SUBJECT_TYPE, w)), JsonFields.string(o, CERT_SUBJECT_ID, w));
        }
    }

    /** sec:devMgmtID (12.3.2.2). */
    enum DevMgmt {
        OMA_DM_1_3(1), OMA_DM_2_0(2), OMA_LWM2M(3), BBF_TR_069(4);
        final int code;
        DevMgmt(int code) { this.code = code; }
        public int code() { return code; }
        public static DevMgmt of(int code) {
            for (DevMgmt d : values()) if (d.code == code) return d;
            throw new IllegalArgumentException("devMgmtID " + code + " is not 1 (OMA DM 1.3), 2 (OMA DM 2.0), 3 (OMA LwM2M) or 4 (BBF TR-069) (TS-0003 12.3.2.2)");
        }
    }

    /**
     * sec:devCfgCmdArgs (12.4.8, 8.3.9.8): a sec:deviceConfigURI, the DM protocol and the DM Server's URI separated by
     * a colon, e.g. {@code 3:coaps://mef.example.com:5684} (12.2).
     */
    record DevCfg(DevMgmt devMgmt, URI uri) implements CommandArgs {
        public DevCfg {
            Objects.requireNonNull(devMgmt, "devMgmtID");
            requireServerUri(uri, "the DM Server URI");
        }

        public String deviceConfigUri() { return devMgmt.code + ":" + uri; }

        public static DevCfg parse(String deviceConfigUri) {
            int colon = deviceConfigUri.indexOf(':');
            if (colon < 1 || !deviceConfigUri.substring(0, colon).chars().allMatch(Character::isDigit)) throw new IllegalArgumentException(
                    "deviceConfigURI '" + deviceConfigUri + "' is not <devMgmtID>:<DM Server URI>, e.g. 1:https://mef.example.com/dm (TS-0003 12.2)");
            int code;
            try {
                code = Integer.parseInt(deviceConfigUri.substring(0, colon));
            } catch (NumberFormatException e) {
                code = -1;
            }
            return new DevCfg(DevMgmt.of(code), parseUri(deviceConfigUri.substring(colon + 1), "the DM Server URI of deviceConfigURI"));
        }

        @Override public CommandClass commandClass() { return CommandClass.DEV_CFG; }
        @Override public String elementName() { return DEV_CFG_CMD_ARGS; }

        @Override
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty(DEVICE_CONFIG_URI, deviceConfigUri());
            return o;
        }

        static DevCfg fromJson(JsonObject o) {
            JsonFields.only(o, Set.of(DEVICE_CONFIG_URI), DEV_CFG_CMD_ARGS);
            return parse(JsonFields.string(o, DEVICE_CONFIG_URI, DEV_CFG_CMD_ARGS));
        }
    }

    /** sec:objectTypeID (12.3.2.7): the mgmtObj specialization of the MO node. */
    enum ObjectType {
        AUTHENTICATION_PROFILE(1), TRUST_ANCHOR_CRED(2), MAF_CLIENT_REG_CFG(3);
        final int code;
        ObjectType(int code) { this.code = code; }
        public int code() { return code; }
        public static ObjectType of(int code) {
            for (ObjectType t : values()) if (t.code == code) return t;
            throw new IllegalArgumentException("objectTypeID " + code + " is not 1 (authenticationProfile), 2 (trustAnchorCred) or 3 (MAFClientRegCfg) (TS-0003 12.3.2.7)");
        }
    }

    /**
     * sec:MONodeCmdArgs (12.4.9, 8.3.9.9.1). objectTypeSpecificArgs (an authProfileMONodeArgs with its SUID, 12.4.10)
     * is present for an [authenticationProfile] node and for no other: {@code suid} is null otherwise.
     */
    record MoNode(String objectPath, ObjectType objectType, Integer suid) implements CommandArgs {
        /** The SUIDs whose [authenticationProfile] processing 8.3.9.9.2 specifies (FACTS.md 3.5). */
        public static final Set<Integer> AUTHENTICATION_PROFILE_SUIDS = Set.of(11, 12, 13, 21, 22, 23, 31, 32, 33, 41, 42, 43);

        public MoNode {
            requireToken(objectPath, "objectPath");
            Objects.requireNonNull(objectType, "objectTypeID");
            if (objectType == ObjectType.AUTHENTICATION_PROFILE) {
                if (suid == null) throw new IllegalArgumentException("an [authenticationProfile] MO_NODE command carries objectTypeSpecificArgs with its SUID (TS-0003 8.3.9.9.1)");
                if (!AUTHENTICATION_PROFILE_SUIDS.contains(suid)) throw new IllegalArgumentException("SUID " + suid
                        + " has no [authenticationProfile] processing; TS-0003 8.3.9.9.2 specifies " + new TreeSet<>(AUTHENTICATION_PROFILE_SUIDS));
            } else if (suid != null) {
                throw new IllegalArgumentException("a " + objectType + " MO_NODE command carries no objectTypeSpecificArgs (TS-0003 8.3.9.9.1)");
            }
        }

        @Override public CommandClass commandClass() { return CommandClass.MO_NODE; }
        @Override public String elementName() { return MO_NODE_CMD_ARGS; }

        @Override
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty(OBJECT_PATH, objectPath);
            o.addProperty(OBJECT_TYPE_ID, objectType.code);
            if (suid != null) {
                JsonObject specific = new JsonObject();
                specific.addProperty(SUID, suid);
                o.add(OBJECT_TYPE_SPECIFIC_ARGS, specific);
            }
            return o;
        }

        static MoNode fromJson(JsonObject o) {
            String w = MO_NODE_CMD_ARGS;
            JsonFields.only(o, Set.of(OBJECT_PATH, OBJECT_TYPE_ID, OBJECT_TYPE_SPECIFIC_ARGS, OBJECT_TYPE_SPECIFIC_ARGS_AS_TABLED), w);
            if (JsonFields.has(o, OBJECT_TYPE_SPECIFIC_ARGS) && JsonFields.has(o, OBJECT_TYPE_SPECIFIC_ARGS_AS_TABLED)) {
                throw new IllegalArgumentException(w + " holds objectTypeSpecificArgs twice, under both spellings");
            }
            String name = JsonFields.has(o, OBJECT_TYPE_SPECIFIC_ARGS_AS_TABLED) ? OBJECT_TYPE_SPECIFIC_ARGS_AS_TABLED : OBJECT_TYPE_SPECIFIC_ARGS;
            Integer suid = null;
            if (JsonFields.has(o, name)) {
                JsonObject specific = JsonFields.object(o, name, w);
                JsonFields.only(specific, Set.of(SUID), name);
                suid = JsonFields.integer(specific, SUID, name);
            }
            return new MoNode(JsonFields.string(o, OBJECT_PATH, w), ObjectType.of(JsonFields.integer(o, OBJECT_TYPE_ID, w)), suid);
        }
    }

    private static URI parseUri(String text, String what) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a URI: " + e.getReason());
        }
    }

    /** An absolute URI with a host: 8.3.9.7 and 8.3.9.8 compare its FQDN with the MEF's. */
    private static void requireServerUri(URI uri, String what) {
        Objects.requireNonNull(uri, what);
        if (!uri.isAbsolute() || uri.getHost() == null) throw new IllegalArgumentException(what + " '" + uri
                + "' must be an absolute URI with a host name, e.g. https://mef.example.com/.well-known/est");
    }

    private static void requireToken(String value, String what) {
        if (value == null || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " must be a non-empty identifier without spaces, not '" + value + "'");
        }
    }
}
