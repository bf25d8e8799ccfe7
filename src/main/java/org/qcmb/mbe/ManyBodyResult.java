package org.qcmb.mbe;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.qcmb.common.Driver;

/**
 * The assembled many-body result, independent of how the component results were computed. Values are flat
 * arrays: energies have length 1, gradients nat*3, Hessians (3nat)^2 (row-major).
 *
 * @param ret ret_energy / ret_gradient / ret_hessian per property processed
 * @param bodyDicts per property, per effective bsse type, level n -> cumulative value body_bt(n)
 * @param results the named properties of semantics §5.2 (QCManyBody snake_case names)
 * @param screening for a screened expansion, the rule and the kept/screened counts per order (the result
 *     document's {@code extras.screening}); null when unscreened
 */
public record ManyBodyResult(
        Driver driver,
        List<BsseType> effectiveBsse,
        int taskCount,
        int modelChemistryCount,
        int fragmentCount,
        int atomCount,
        Map<Property, double[]> ret,
        Map<Property, Map<BsseType, SortedMap<Integer, double[]>>> bodyDicts,
        SortedMap<String, double[]> results,
        Map<String, Object> screening) {

    public double retEnergy() {
        return ret.get(Property.ENERGY)[0];
    }

    /** The return_result: ret of the driver's property. */
    public double[] returnResult() {
        return ret.get(Property.of(driver));
    }
}
