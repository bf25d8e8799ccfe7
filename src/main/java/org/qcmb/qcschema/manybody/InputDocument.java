package org.qcmb.qcschema.manybody;

import org.qcmb.mbe.ManyBodyInput;

/** A many-body input as read from its document: the validated request and the shape its result must take. */
public record InputDocument(ManyBodyInput input, ResultShape shape) {
}
