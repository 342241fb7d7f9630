package org.example.onem2m.testsupport;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;

/** Faults made on purpose, for tests of what a component leaves behind when it fails part way. */
public final class Failures {
    private Failures() {}

    /**
     * {@code delegate} behind {@code type}, except that each call of a method named in {@code methods} throws an
     * {@link IllegalStateException} saying so.
     */
    public static <T> T failing(Class<T> type, T delegate, String... methods) {
        Set<String> failing = Set.of(methods);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (failing.contains(method.getName())) throw new IllegalStateException(method.getName() + " failed (a test's fault)");
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    /** A loopback port nothing listens on now. */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) return socket.getLocalPort();
            }
        }
    }

    /**
     * Every port handed out in this JVM: a port free when one process is configured may be taken by another before it
     * binds it (a CI run saw a device's HTTP port be the infrastructure's EST port, both handed out by one test), so a
     * port is never handed out twice.
     */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Fails unless a connection to {@code port} on loopback is refused. */
    public static void assertNothingListensOn(int port) throws IOException {
        try (Socket connected = new Socket(InetAddress.getLoopbackAddress(), port)) {
            fail("something still listens on port " + port + ": " + connected);
        } catch (ConnectException refused) {
            // as it should be
        }
    }
}
