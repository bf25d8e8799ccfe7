package org.qcmb.cli;

import java.util.List;
import org.qcmb.io.XyzOptions;
import picocli.CommandLine.Option;

/** Command-line options for what an XYZ file cannot say (used by plan and run). */
public final class XyzOptionsMixin {
    @Option(names = "--bsse", split = ",", paramLabel = "TYPE",
            description = "XYZ input: BSSE treatments, comma-separated, first = returned (nocp, cp, vmfc;"
                    + " default cp).")
    List<String> bsse;

    @Option(names = "--max-nbody", paramLabel = "N",
            description = "XYZ input: highest n-body level (default: number of fragments).")
    Integer maxNbody;

    @Option(names = "--method", description = "XYZ input: method, e.g. hf, mp2 (run needs it).")
    String method;

    @Option(names = "--basis", description = "XYZ input: basis set, e.g. sto-3g (run needs it).")
    String basis;

    @Option(names = "--program", description = "XYZ input: program (default builtin).")
    String program;

    @Option(names = "--driver", description = "XYZ input: energy, gradient or hessian (default energy).")
    String driver;

    @Option(names = "--return-total-data", arity = "1", paramLabel = "true|false",
            description = "XYZ input: report totals (default false for energy, true otherwise).")
    Boolean returnTotalData;

    @Option(names = "--keyword", paramLabel = "KEY=VALUE",
            description = "XYZ input: a program keyword (repeatable), e.g. --keyword scf_type=pk --keyword"
                    + " freeze_core=true.")
    List<String> keywords;

    @Option(names = "--auto-fragments",
            description = "XYZ input: fragments from covalent connectivity instead of '--' lines.")
    boolean autoFragments;

    @Option(names = XyzOptions.ScreeningFlags.DISTANCE, split = ",", paramLabel = "N=ANGSTROM",
            description = "XYZ input: distance screening, a cutoff per n-body order in angstrom, e.g. 2=8.0,3=6.0,4=4.5;"
                    + " an n-mer is kept when every pair of its fragments is within its order's cutoff and its"
                    + " subsets are kept (docs/screening.md)")
    List<String> screenDistance;

    @Option(names = XyzOptions.ScreeningFlags.METRIC, paramLabel = "METRIC",
            description = "XYZ input: distance between two fragments for --screen-distance: closest_atoms (default) or"
                    + " centers_of_mass")
    String screenMetric;

    @Option(names = XyzOptions.ScreeningFlags.ENERGY, split = ",", paramLabel = "N=HARTREE",
            description = "XYZ input: energy screening, a threshold per n-body order (3 and up) in hartree, e.g. 3=1e-4;"
                    + " order n is planned during the run from order n-1's increments (docs/screening.md)")
    List<String> screenEnergy;

    public XyzOptions toOptions() {
        XyzOptions.ScreeningFlags screening = screenDistance == null && screenMetric == null && screenEnergy == null
                ? null : new XyzOptions.ScreeningFlags(screenDistance, screenMetric, screenEnergy);
        return new XyzOptions(bsse, maxNbody, method, basis, program, driver, autoFragments, returnTotalData,
                XyzOptions.keywords(keywords), screening);
    }
}
