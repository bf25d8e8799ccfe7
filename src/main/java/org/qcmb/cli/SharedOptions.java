package org.qcmb.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options several commands share, as picocli mixins: one declaration, one description, one default each. */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --verbose}: stack traces on errors. {@link Main} reads it from the parse result. */
    static final class Verbose {
        static final String NAME = "--verbose";

        @Option(names = NAME, description = "stack traces on errors")
        boolean verbose;
    }

    /** {@code --master URL}: the Spark master. */
    static final class Master {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: what spark-submit set, else local[*,4])")
        String url;
    }

    /** {@code --tables DIR}: the tables directory. */
    static final class Tables {
        @Option(names = "--tables", paramLabel = "DIR", defaultValue = "qcmb-tables",
                description = "tables directory (default: ${DEFAULT-VALUE})")
        Path dir;
    }
}
