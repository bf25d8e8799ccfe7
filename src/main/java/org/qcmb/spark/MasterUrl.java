package org.qcmb.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qcmb.common.InputException;

/**
 * Checks a {@code --master} value before anything is written or started: the forms Spark 4 accepts, and for a
 * standalone master ({@code spark://HOST:PORT}) that something listens there, so a typo or a stopped cluster is
 * one line and exit code 2 rather than a Spark stack trace after the output folder was prepared.
 */
public final class MasterUrl {
    private static final Pattern LOCAL = Pattern.compile("local(\\[\\s*(\\*|[1-9]\\d*)\\s*(,\\s*[1-9]\\d*\\s*)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*]");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^,/]+:\\d+)(,[^,/]+:\\d+)*");
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private MasterUrl() {
    }

    /** Null (the default) is fine; anything else must be a Spark master URL, a standalone one reachable. */
    public static void check(String master) {
        if (master == null) {
            return;
        }
        String m = master.strip();
        if (LOCAL.matcher(m).matches() || LOCAL_CLUSTER.matcher(m).matches() || m.equals("yarn")
                || m.startsWith("k8s://") && m.length() > "k8s://".length()) {
            return;
        }
        Matcher s = STANDALONE.matcher(m);
        if (!s.matches()) {
            throw new InputException("--master '" + master + "' is not a Spark master URL: use local[N],"
                    + " local[*,4], spark://HOST:PORT, yarn or k8s://URL");
        }
        String[] hosts = m.substring("spark://".length()).split(",");
        IOException last = null;
        for (String hp : hosts) {
            int colon = hp.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1))),
                        CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException | IllegalArgumentException e) {
                last = e instanceof IOException io ? io : new IOException(e.getMessage());
            }
        }
        throw new InputException("--master " + master + ": no Spark master answers there ("
                + (last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage())
                + "): start it (submit-scripts/cluster-start) or check the URL");
    }
}
