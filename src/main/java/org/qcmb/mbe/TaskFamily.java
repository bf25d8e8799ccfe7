package org.qcmb.mbe;

/** Why a task is needed (semantics §3.1). One task can belong to several families; it runs once. */
public enum TaskFamily {
    NOCP("nocp"), MONO("monomers (rtd)"), CP("cp"), VMFC("vmfc"), SUPERSYSTEM("supersystem");

    private final String title;

    TaskFamily(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
