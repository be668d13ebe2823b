package com.podflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free TCP ports on the loopback interface. A port is free when asked, not reserved: the kernel may hand the same
 * ephemeral port out again before its first taker binds it (seen: a broker's listener and controller given one port).
 * So this JVM never hands out one port twice.
 */
public final class FreePorts {
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = probe();
            if (ISSUED.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port not already handed out after " + ATTEMPTS + " attempts");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
