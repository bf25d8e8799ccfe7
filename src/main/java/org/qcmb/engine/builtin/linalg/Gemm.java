package org.qcmb.engine.builtin.linalg;

/**
 * Dense matrix products on row-major flat arrays, BLAS dgemm style: C = alpha op(A) op(B) + beta C with
 * op(X) = X or X^T, leading dimensions lda, ldb, ldc and offsets. Blocked and packed (panels of MR rows of
 * op(A), NR columns of op(B)); the innermost kernel uses the Java Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else plain loops (same results up to rounding order).
 * An instance holds the packing buffers: one per thread, reused across calls (the static methods allocate one).
 */
public final class Gemm {
    /** The micro-kernel: acc (MR x NR, row-major) = sum_p a[p*MR + r] b[p*NR + c] over kc steps. */
    interface Kernel {
        int nr();

        /** c[i*ldc + j] += alpha * sum_p a[ao + p*MR + i] b[bo + p*ldb + j], i < mr, j < nr. */
        void run(int kc, double[] a, int ao, double[] b, int bo, int ldb, double alpha, double[] c, int co, int ldc,
                 int mr, int nr);
    }

    static final int MR = 4;
    private static final int KC = 256;
    private static final int MC = 96;
    private static final int NC = 1024;
    static final Kernel KERNEL = chooseKernel();
    /** Below this many rows of op(A), op(B) is read in place (not packed): each of its elements serves few rows. */
    private static final int SMALL_M = 32;

    private final Kernel kernel;
    private double[] pa = new double[0];
    private double[] pb = new double[0];
    /** What pa holds after a product whose A fitted one panel block (for products that reuse A). */
    private double[] heldA;
    private int heldAo = -1;
    private int heldLda;
    private int heldM;
    private int heldK;
    private boolean heldTrans;

    /** A workspace for one thread's products. */
    public Gemm() {
        this(KERNEL);
    }

    Gemm(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * The kernel of system property qcmb.kernel: "vector" (the default when the Vector API module is present),
     * "fma" ({@link FmaKernel}: the vector kernel's numbers bit for bit, fast before C2 compiles anything: the
     * launcher's choice for small calculations run with C1 alone) or "scalar" (the default without the module).
     */
    static Kernel chooseKernel() {
        String choice = System.getProperty("qcmb.kernel", "vector");
        if (choice.equals("fma")) {
            return new FmaKernel(8);
        }
        if (vectorApiPresent() && !choice.equals("scalar")) {
            try {
                return (Kernel) Class.forName("org.qcmb.engine.builtin.linalg.VectorKernel").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall through to plain loops
            }
        }
        return new ScalarKernel();
    }

    /** Whether this JVM resolved the incubator Vector API module (--add-modules jdk.incubator.vector). */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Name of the kernel in use, for benchmark reports. */
    public static String kernelName() {
        return KERNEL.getClass().getSimpleName();
    }

    /** C (m x n) = alpha op(A) op(B) + beta C with a fresh workspace (for one-off products). */
    public static void mult(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int ao,
                            int lda, double[] b, int bo, int ldb, double beta, double[] c, int co, int ldc) {
        new Gemm().product(transA, transB, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    }

    static void mult(Kernel kernel, boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
                     int ao, int lda, double[] b, int bo, int ldb, double beta, double[] c, int co, int ldc) {
        new Gemm(kernel).product(transA, transB, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    }

    /** C (m x n) = alpha op(A) op(B) + beta C; op(A) is m x k, op(B) is k x n. */
    public void product(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int ao,
                        int lda, double[] b, int bo, int ldb, double beta, double[] c, int co, int ldc) {
        product(transA, transB, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc, false);
    }

    /**
     * As {@link #product}; with {@code sameA} the caller promises that A (array contents, offset, shape) is the one
     * of the previous call, whose packing is then reused when it fitted one panel block (few rows, k <= 256).
     */
    public void product(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int ao,
                        int lda, double[] b, int bo, int ldb, double beta, double[] c, int co, int ldc,
                        boolean sameA) {
        if (m == 0 || n == 0) {
            return;
        }
        if (beta != 1) {
            scale(m, n, beta, c, co, ldc);
        }
        if (k == 0 || alpha == 0) {
            return;
        }
        int nr = kernel.nr();
        int kcMax = Math.min(KC, k);
        int mPad = (Math.min(MC, m) + MR - 1) / MR * MR;
        if (pa.length < mPad * kcMax) {
            pa = new double[mPad * kcMax];
            heldA = null;
        }
        int nPad = (Math.min(NC, n) + nr - 1) / nr * nr;
        if (pb.length < nPad * kcMax) {
            pb = new double[nPad * kcMax];
        }
        if (m <= SMALL_M && !transB) {
            fewRows(transA, m, n, k, alpha, a, ao, lda, b, bo, ldb, c, co, ldc, sameA);
        } else {
            heldA = null;
            blocked(transA, transB, m, n, k, alpha, a, ao, lda, b, bo, ldb, c, co, ldc);
        }
    }

    private static void scale(int m, int n, double beta, double[] c, int co, int ldc) {
        for (int i = 0; i < m; i++) {
            int r = co + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, r, r + n, 0.0);
            } else {
                for (int j = 0; j < n; j++) {
                    c[r + j] *= beta;
                }
            }
        }
    }

    /** op(B) read in place: its rows with stride ldb, a strip of nr columns staying in L1 across A's panels. */
    private void fewRows(boolean transA, int m, int n, int k, double alpha, double[] a, int ao, int lda, double[] b,
                         int bo, int ldb, double[] c, int co, int ldc, boolean sameA) {
        int nr = kernel.nr();
        boolean reuse = sameA && k <= KC && heldA == a && heldAo == ao && heldLda == lda && heldM == m
                && heldK == k && heldTrans == transA;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            if (!reuse) {
                packA(transA, a, ao, lda, 0, m, p0, kc, pa);
            }
            if (k <= KC) {
                heldA = a;
                heldAo = ao;
                heldLda = lda;
                heldM = m;
                heldK = k;
                heldTrans = transA;
            } else {
                heldA = null;
            }
            int nfull = n - n % nr;
            for (int jr = 0; jr < nfull; jr += nr) {
                for (int ir = 0; ir < m; ir += MR) {
                    kernel.run(kc, pa, (ir / MR) * kc * MR, b, bo + p0 * ldb + jr, ldb, alpha, c,
                            co + ir * ldc + jr, ldc, Math.min(MR, m - ir), nr);
                }
            }
            if (nfull < n) {
                int w = n - nfull;
                packB(false, b, bo, ldb, p0, kc, nfull, w, nr, pb);
                for (int ir = 0; ir < m; ir += MR) {
                    kernel.run(kc, pa, (ir / MR) * kc * MR, pb, 0, nr, alpha, c, co + ir * ldc + nfull, ldc,
                            Math.min(MR, m - ir), w);
                }
            }
        }
    }

    /** Panels of op(B) (KC x NC) and op(A) (MC x KC) packed, the micro-kernel over their MR x NR tiles. */
    private void blocked(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int ao,
                         int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
        int nr = kernel.nr();
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nc = Math.min(NC, n - j0);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0);
                packB(transB, b, bo, ldb, p0, kc, j0, nc, nr, pb);
                for (int i0 = 0; i0 < m; i0 += MC) {
                    int mc = Math.min(MC, m - i0);
                    packA(transA, a, ao, lda, i0, mc, p0, kc, pa);
                    tiles(kc, mc, nc, alpha, c, co + i0 * ldc + j0, ldc);
                }
            }
        }
    }

    private void tiles(int kc, int mc, int nc, double alpha, double[] c, int co, int ldc) {
        int nr = kernel.nr();
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int aoff = (ir / MR) * kc * MR;
            for (int jr = 0; jr < nc; jr += nr) {
                kernel.run(kc, pa, aoff, pb, (jr / nr) * kc * nr, nr, alpha, c, co + ir * ldc + jr, ldc, mr,
                        Math.min(nr, nc - jr));
            }
        }
    }

    /** pa[(ir/MR)*kc*MR + p*MR + r] = op(A)[i0+ir+r][p0+p], zero beyond mc. */
    private static void packA(boolean trans, double[] a, int ao, int lda, int i0, int mc, int p0, int kc,
                              double[] pa) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = (ir / MR) * kc * MR;
            int rows = Math.min(MR, mc - ir);
            if (!trans) {
                for (int r = 0; r < MR; r++) {
                    if (r < rows) {
                        int src = ao + (i0 + ir + r) * lda + p0;
                        for (int p = 0; p < kc; p++) {
                            pa[base + p * MR + r] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            pa[base + p * MR + r] = 0;
                        }
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = ao + (p0 + p) * lda + i0 + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < MR; r++) {
                        pa[dst + r] = r < rows ? a[src + r] : 0;
                    }
                }
            }
        }
    }

    /** pb[(jr/nr)*kc*nr + p*nr + c] = op(B)[p0+p][j0+jr+c], zero beyond nc. */
    private static void packB(boolean trans, double[] b, int bo, int ldb, int p0, int kc, int j0, int nc, int nr,
                              double[] pb) {
        for (int jr = 0; jr < nc; jr += nr) {
            int base = (jr / nr) * kc * nr;
            int cols = Math.min(nr, nc - jr);
            if (!trans) {
                for (int p = 0; p < kc; p++) {
                    int src = bo + (p0 + p) * ldb + j0 + jr;
                    int dst = base + p * nr;
                    System.arraycopy(b, src, pb, dst, cols);
                    for (int c = cols; c < nr; c++) {
                        pb[dst + c] = 0;
                    }
                }
            } else {
                for (int c = 0; c < nr; c++) {
                    if (c < cols) {
                        int src = bo + (j0 + jr + c) * ldb + p0;
                        for (int p = 0; p < kc; p++) {
                            pb[base + p * nr + c] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            pb[base + p * nr + c] = 0;
                        }
                    }
                }
            }
        }
    }

    /** Plain-loop micro-kernel (4 x 8 register tile). */
    static final class ScalarKernel implements Kernel {
        private static final int NR = 8;

        @Override
        public int nr() {
            return NR;
        }

        @Override
        public void run(int kc, double[] a, int ao, double[] b, int bo, int ldb, double alpha, double[] c, int co,
                        int ldc, int mr, int nr) {
            double[] acc = new double[MR * NR];
            for (int p = 0; p < kc; p++) {
                int ap = ao + p * MR, bp = bo + p * ldb;
                double a0 = a[ap], a1 = a[ap + 1], a2 = a[ap + 2], a3 = a[ap + 3];
                for (int j = 0; j < NR; j++) {
                    double bv = b[bp + j];
                    acc[j] += a0 * bv;
                    acc[NR + j] += a1 * bv;
                    acc[2 * NR + j] += a2 * bv;
                    acc[3 * NR + j] += a3 * bv;
                }
            }
            for (int i = 0; i < mr; i++) {
                int r = co + i * ldc;
                for (int j = 0; j < nr; j++) {
                    c[r + j] += alpha * acc[i * NR + j];
                }
            }
        }
    }
}
