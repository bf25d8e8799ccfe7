package org.qcmb.engine.builtin.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Hessian by central differences of analytic gradients, H_{kx} = (g_x(R + h e_k) - g_x(R - h e_k)) / 2h, one
 * pair of displaced gradients per Cartesian coordinate (ghost atoms included), then symmetrised.
 */
public final class FiniteDifferenceHessian {
    /** Default step (bohr): small enough for 1e-6 accuracy, large enough against SCF noise. */
    public static final double STEP = 0.005;

    /** The gradient of the energy at a geometry (bohr, flat). */
    public interface GradientFunction {
        double[] gradient(double[] geometry);
    }

    private FiniteDifferenceHessian() {
    }

    /** Runs the 6N displaced gradients on pool (null: in this thread). */
    public static double[] compute(double[] geometry, GradientFunction f, double step, ExecutorService pool) {
        int n = geometry.length;
        List<java.util.concurrent.Callable<double[]>> jobs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            for (int sign : new int[] {1, -1}) {
                final int kk = k;
                final int s = sign;
                jobs.add(() -> {
                    double[] g = geometry.clone();
                    g[kk] += s * step;
                    return f.gradient(g);
                });
            }
        }
        List<double[]> grads = new ArrayList<>();
        try {
            if (pool == null) {
                for (var j : jobs) {
                    grads.add(j.call());
                }
            } else {
                List<Future<double[]>> fs = new ArrayList<>();
                for (var j : jobs) {
                    fs.add(pool.submit(j));
                }
                for (Future<double[]> fu : fs) {
                    grads.add(fu.get());
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double[] h = new double[n * n];
        for (int k = 0; k < n; k++) {
            double[] plus = grads.get(2 * k), minus = grads.get(2 * k + 1);
            for (int x = 0; x < n; x++) {
                h[k * n + x] = (plus[x] - minus[x]) / (2 * step);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (h[i * n + j] + h[j * n + i]);
                h[i * n + j] = m;
                h[j * n + i] = m;
            }
        }
        return h;
    }
}
