package org.example.tef.impl.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.example.tef.spi.AssignedCredential;
import org.example.tef.spi.ClientRegistration;
import org.example.tef.spi.KeyRegistration;

/**
 * The bytes a record is stored as in the MVStore. A hand-rolled binary codec rather than JSON, because:
 * <ul>
 * <li>it is compact (a million key registrations must fit the page cache and the file reasonably): no field names,
 * instants as a long and an int, the key value as raw bytes instead of Base64;</li>
 * <li>the key value never becomes a {@link String} (a Gson mapping would Base64 it into an immutable String that
 * lingers in the heap until collected); the temporary buffers that held it are zeroed;</li>
 * <li>it needs no reflection or type adapters for {@link Instant}, which matters inside an OSGi bundle.</li>
 * </ul>
 * Every record starts with a format byte so that a later layout can be told apart from this one.
 * Strings are length-prefixed UTF-8 (not {@link DataOutputStream#writeUTF}, which stops at 64 KiB).
 */
final class RecordCodec {
    private static final byte CLIENT_V1 = 1;
    private static final byte KEY_V1 = 2;
    /** A client registration with an assigned credential (tef.spi 1.1): V1's fields, then the credential's. */
    private static final byte CLIENT_V2 = 3;

    private RecordCodec() {}

    /**
     * A registration without an assigned credential keeps format V1, so that a file written by this version is read
     * by the previous one as long as no credential was assigned; with one it is V2 (the key as raw bytes, wiped).
     */
    static byte[] encode(ClientRegistration r) {
        WipeableBytes bytes = new WipeableBytes(128);
        AssignedCredential assigned = r.assignedCredential().orElse(null);
        byte[] key = assigned == null ? null : assigned.key();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(assigned == null ? CLIENT_V1 : CLIENT_V2);
            writeString(out, r.registrationId());
            writeString(out, r.clientId());
            writeString(out, r.credential());
            writeString(out, r.adminFqdn());
            writeStrings(out, r.labels());
            writeInstant(out, r.expirationTime());
            writeInstant(out, r.createdAt());
            if (assigned != null) {
                writeString(out, assigned.identity());
                writeInstant(out, assigned.expiresAt());
                out.writeInt(key.length);
                out.write(key);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        } finally {
            if (key != null) Arrays.fill(key, (byte) 0);
            bytes.wipe();
        }
    }

    static ClientRegistration decodeClient(byte[] data) {
        byte[] key = null;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != CLIENT_V1 && format != CLIENT_V2) throw new IOException("unknown client registration format " + format);
            String registrationId = readString(in);
            String clientId = readString(in);
            String credential = readString(in);
            String adminFqdn = readString(in);
            List<String> labels = readStrings(in);
            Instant expirationTime = readInstant(in);
            Instant createdAt = readInstant(in);
            AssignedCredential assigned = null;
            if (format == CLIENT_V2) {
                String identity = readString(in);
                Instant expiresAt = readInstant(in);
                key = new byte[checkedLength(in.readInt(), in)];
                in.readFully(key);
                assigned = new AssignedCredential(identity, key, expiresAt); // copies the key
            }
            return new ClientRegistration(registrationId, clientId, credential, adminFqdn, labels, expirationTime, createdAt, assigned);
        } catch (IOException | IllegalArgumentException e) {
            // never the record's bytes in the message (a V2 record holds a key); the codec's own messages hold none
            throw new IllegalStateException("a stored client registration is damaged: " + e, e);
        } finally {
            if (key != null) Arrays.fill(key, (byte) 0);
        }
    }

    static byte[] encode(KeyRegistration r) {
        WipeableBytes bytes = new WipeableBytes(256);
        byte[] key = r.keyValue();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(KEY_V1);
            writeString(out, r.relativeKeyId());
            writeString(out, r.sourceClientId());
            writeString(out, r.adminFqdn());
            out.writeInt(r.suid());
            writeStrings(out, r.targetIds());
            writeStrings(out, r.labels());
            writeInstant(out, r.expirationTime());
            writeInstant(out, r.createdAt());
            out.writeInt(key.length);
            out.write(key);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(key, (byte) 0);
            bytes.wipe();
        }
    }

    static KeyRegistration decodeKey(byte[] data) {
        byte[] key = null;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            expectFormat(in, KEY_V1, "key registration");
            String relativeKeyId = readString(in);
            String sourceClientId = readString(in);
            String adminFqdn = readString(in);
            int suid = in.readInt();
            List<String> targetIds = readStrings(in);
            List<String> labels = readStrings(in);
            Instant expirationTime = readInstant(in);
            Instant createdAt = readInstant(in);
            key = new byte[checkedLength(in.readInt(), in)];
            in.readFully(key);
            return new KeyRegistration(relativeKeyId, sourceClientId, adminFqdn, suid, targetIds, labels, expirationTime,
                    key, createdAt); // the constructor copies the key
        } catch (IOException e) {
            // never the record's bytes in the message: they hold the key
            throw new IllegalStateException("a stored key registration is damaged: " + e.getClass().getSimpleName(), e);
        } finally {
            if (key != null) Arrays.fill(key, (byte) 0);
        }
    }

    private static void expectFormat(DataInputStream in, byte expected, String what) throws IOException {
        byte format = in.readByte();
        if (format != expected) throw new IOException("unknown " + what + " format " + format);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[checkedLength(in.readInt(), in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) writeString(out, s);
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = checkedLength(in.readInt(), in);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(readString(in));
        return list;
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** A length (or count) can never exceed the bytes left; guards against allocating garbage-sized arrays. */
    private static int checkedLength(int n, DataInputStream in) throws IOException {
        if (n < 0 || n > in.available()) throw new IOException("bad length " + n);
        return n;
    }

    /** A ByteArrayOutputStream whose internal buffer (which may hold a key) can be zeroed. */
    private static final class WipeableBytes extends ByteArrayOutputStream {
        WipeableBytes(int size) { super(size); }

        void wipe() { Arrays.fill(buf, (byte) 0); }
    }
}
