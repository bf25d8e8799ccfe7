package org.qcmb.testing;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qcmb.spark.SparkSessions;

/**
 * One local SparkSession per test class (the project's rule): register it as a static field with
 * {@code @RegisterExtension static final LocalSpark SPARK = new LocalSpark("local[2,3]");} and use
 * {@link #session()} in the tests. No UI, two shuffle partitions; stopped after the class.
 */
public final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
    private final String master;
    private SparkSession session;

    public LocalSpark(String master) {
        this.master = master;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session = SparkSessions.start(master, null, Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "2"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    public SparkSession session() {
        if (session == null) {
            throw new IllegalStateException("the SparkSession exists between beforeAll and afterAll only");
        }
        return session;
    }
}
