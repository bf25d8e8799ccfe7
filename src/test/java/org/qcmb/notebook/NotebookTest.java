package org.qcmb.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.tables.TableSchemas;
import org.qcmb.tables.TableWriter;

/** The notebook cell helpers on a tables directory that holds only a runs table (as after a failed run). */
class NotebookTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void onlyRuns() {
        new TableWriter(tmp).append("runs", List.of(RowFactory.create(
                "r<1>", null, "in.yaml", null, "water & co", 2, 6, "energy", "nocp", 2, "psi4", "hf/sto-3g",
                "local[2]", 1, 2, 3, 3, 0, 6.5, 1.25, 9.0, -152.0123456789, "ok", null, null, null)));
    }

    @Test
    void registersMissingTablesAsEmptyViews() {
        assertThat(Notebook.tables(tmp.toString())).containsExactly("runs");
        for (String table : TableSchemas.ALL.keySet()) {
            assertThat(Notebook.has(table)).as(table).isTrue();
        }
        assertThat(Notebook.sql("SELECT * FROM benchmarks")).contains("<th", "metric", "no rows");
    }

    @Test
    void sqlRendersAnEscapedHtmlTable() {
        Notebook.tables(tmp.toString());
        String html = Notebook.sql("SELECT run_id, system, cores, return_energy, started_at FROM runs");
        assertThat(html).startsWith("<table").contains("<th style=\"padding:2px 6px\">run_id</th>")
                .contains("r&lt;1&gt;", "water &amp; co", ">2<", "-152.0123456789", "<i>null</i>")
                .doesNotContain("no rows");
        assertThat(Notebook.sql("SELECT id FROM range(5)", 3)).contains("first 3 rows shown");
    }

    @Test
    void plotsOfEmptyTablesAreNotesAndChartsAreImages() {
        Notebook.tables(tmp.toString());
        assertThat(Notebook.speedupPlot()).isInstanceOf(String.class).asString().contains("no scaling");
        assertThat(Notebook.timelinePlot("r<1>")).isInstanceOf(String.class);
        Object bars = Notebook.barChart("SELECT run_id, wall_time_s FROM runs", "wall", "run", "s");
        assertThat(bars).isInstanceOf(BufferedImage.class);
        assertThat(((BufferedImage) bars).getWidth()).isEqualTo(Notebook.WIDTH);
        assertThat(Notebook.latestRun("runs")).isEqualTo("r<1>");
    }
}
