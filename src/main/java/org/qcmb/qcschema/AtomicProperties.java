package org.qcmb.qcschema;

import java.io.Serializable;

/**
 * QCSchema atomic properties. Boxed fields are null where they do not apply
 * (e.g. mp2TotalEnergy for HF). hessianByFiniteDifference marks a Hessian made from gradients.
 */
public record AtomicProperties(
        Double returnEnergy,
        Double scfTotalEnergy,
        Double mp2TotalEnergy,
        Double nuclearRepulsionEnergy,
        Integer scfIterations,
        Integer nbasis,
        Integer natom,
        boolean hessianByFiniteDifference) implements Serializable {
}
