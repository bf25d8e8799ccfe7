/**
 * The many-body expansion without Spark or engines: the request ({@link org.qcmb.mbe.ManyBodyInput}), task
 * identity and labels, the {@link org.qcmb.mbe.Planner} and the {@link org.qcmb.mbe.Assembler}. Every rule is
 * QCManyBody's; comments cite the sections of {@code docs/mbe-semantics.md} as "semantics §N.M".
 */
package org.qcmb.mbe;
