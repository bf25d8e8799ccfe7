package org.qcmb.qcschema;

import java.io.Serializable;
import org.qcmb.common.Driver;

/**
 * The result of one fragment calculation. On success: energy always, gradient (natom*3, flat, bohr) for the
 * gradient and hessian drivers, hessian (3natom x 3natom, flat row-major) for the hessian driver; rows of ghost
 * atoms are kept. On failure: {@code success == false} and {@code error} set; numbers are NaN/null.
 */
public record AtomicResult(
        boolean success,
        Driver driver,
        double energy,
        double[] gradient,
        double[] hessian,
        AtomicProperties properties,
        Provenance provenance,
        EngineError error) implements Serializable {

    /** QCSchema return_result: the energy, gradient or Hessian according to the driver. */
    public Object returnResult() {
        return switch (driver) {
            case ENERGY -> energy;
            case GRADIENT -> gradient;
            case HESSIAN -> hessian;
        };
    }

    public static AtomicResult failure(Driver driver, EngineError error, Provenance provenance) {
        return new AtomicResult(false, driver, Double.NaN, null, null, null, provenance, error);
    }
}
