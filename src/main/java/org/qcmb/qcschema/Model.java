package org.qcmb.qcschema;

import java.io.Serializable;

/** A QCSchema model: method (e.g. "hf", "mp2") and basis set name (e.g. "cc-pvdz"). */
public record Model(String method, String basis) implements Serializable {
}
