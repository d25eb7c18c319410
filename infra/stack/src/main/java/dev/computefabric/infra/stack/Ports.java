package dev.computefabric.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports, for servers that must know their port before they start (the broker's listeners
 * name each other). Servers that can bind port 0 and report the port they got should do that instead:
 * a port found free here can be taken by another process before the server binds it.
 */
public final class Ports {

    private Ports() {}

    public static int free() {
        return free(1).get(0);
    }

    /** {@code count} distinct free ports: all sockets stay open until every port is picked. */
    public static List<Integer> free(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                close(socket);
            }
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release probe socket on port " + socket.getLocalPort(), e);
        }
    }
}
