package org.qcmb.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a run. Under spark-submit the master and settings come from the submitter; a
 * plain launch (submit-scripts/qcmb) gets the embedded default {@value #DEFAULT_MASTER} and the project's conf/spark-defaults.conf.
 */
public final class SparkSessions {
    /** The embedded default: every core of this machine, each task tried up to 4 times (local mode retries nothing otherwise). */
    public static final String DEFAULT_MASTER = "local[*,4]";

    private SparkSessions() {
    }

    /**
     * @param master   null to keep what spark-submit set (or {@value #DEFAULT_MASTER} when nothing did)
     * @param eventLog directory for the Spark event log, or null for none
     */
    public static SparkSession start(String master, Path eventLog, Map<String, String> extra) {
        SparkConf conf = new SparkConf();
        defaultsFile().forEach((k, v) -> {
            if (!conf.contains(k)) {
                conf.set(k, v);
            }
        });
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName("qcmb");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (eventLog != null) {
            try {
                Files.createDirectories(eventLog);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the event-log directory " + eventLog, e);
            }
            conf.set("spark.eventLog.enabled", "true");
            conf.set("spark.eventLog.dir", eventLog.toAbsolutePath().toUri().toString());
        }
        extra.forEach(conf::set);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Whether a session started with this master (null: spark-submit's, else the default) runs in this JVM. */
    public static boolean runsLocally(String master) {
        String m = master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
        return m.startsWith("local");
    }

    /**
     * A session for queries over the tables (the {@code sql} command): no UI, and settings for small tables read
     * once: few shuffle partitions, file listing on the driver (never a Spark job), no whole-stage code generation
     * (compiling each query's code costs more than it saves on tables of this size).
     */
    public static SparkSession startForQueries(String master) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.sql.shuffle.partitions", "2");
        conf.put("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
        conf.put("spark.sql.codegen.wholeStage", "false");
        return start(master, null, conf);
    }

    /** conf/spark-defaults.conf of the installation (QCMB_HOME), when run outside spark-submit. */
    static Map<String, String> defaultsFile() {
        Map<String, String> out = new LinkedHashMap<>();
        String home = System.getenv("QCMB_HOME");
        if (home == null || System.getProperty("spark.master") != null) {
            return out; // spark-submit already applied its properties file
        }
        Path file = Path.of(home, "conf", "spark-defaults.conf");
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] kv = t.split("\\s+", 2);
                if (kv.length == 2 && !kv[0].equals("spark.driver.memory")) {
                    out.put(kv[0], kv[1]); // driver memory only applies at JVM launch
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
