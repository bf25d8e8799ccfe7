# A warm Psi4: one process that computes fragment after fragment, so each pays neither Python's start nor
# Psi4's import (about 1 s together). Run by Psi4Worker as
#     psi4 --nthread N --skip-preprocessor worker.py worker.out
# (psithon mode: psi4 sets up its own Python path, imports the psi4 module and execs this file).
#
# Protocol, one JSON object per line:
#   worker -> Java, once:          {"ready": "<psi4 version>"}
#   Java -> worker, per fragment:  {"scratch": "/abs/dir", "threads": 1}
#   worker -> Java:                {"done": true}  or  {"done": false, "message": "<traceback>"}
# The calculation itself goes through files, exactly as in `psi4 --json` mode: SCRATCH/in.json holds the
# qcschema_input document, and the worker overwrites it with psi4's qcschema_output document (run_json), so the
# Java side reads both modes' answers the same way. A "done": false answer means the worker itself failed; Java
# then discards this process. End of input (the JVM closed the pipe or died) ends the worker.
#
# With QCMB_PSI4_ONE_TASK set, the worker runs the one calculation in its working directory and exits: the
# one-process-per-fragment mode uses that for inputs with external point charges, which `psi4 --json` cannot take.
#
# Between fragments the worker resets everything of Psi4's that one calculation leaves behind (see reset()), so
# that no result depends on the fragment before it.
import json
import os
import sys
import traceback

# psithon mode has put the psi4 module in this file's globals
_json_wrapper = psi4.json_wrapper
_core = psi4.core


class _NoExitHooks:
    """run_json registers an atexit hook per call that deletes its output file; in a worker that would pile up
    one hook per fragment. Each fragment's output file is in its own scratch directory, which Java deletes."""

    @staticmethod
    def register(*args, **kwargs):
        pass


_json_wrapper.atexit = _NoExitHooks


def _embed(data):
    """External point charges (bohr), as a psithon "Chrgfield = QMMM()" block builds them. Returns the data."""
    qmmm = psi4.QMMM()
    for q, x, y, z in data["extras"].pop("qcmb_external_charges"):
        qmmm.addChargeBohr(q, x, y, z)
    qmmm.populateExtern()
    _core.set_global_option_python("EXTERN", qmmm.extern)
    keywords = data["keywords"]
    # run_json clears all options before it runs, which turns the EXTERN flag off again (the potential itself,
    # core.EXTERN, stays and SCF uses it). Finite differences read the flag: without it they project out
    # translations and rotations, which is wrong in an external field.
    keywords["extern"] = True
    if data["driver"] == "hessian":
        # The analytic SCF Hessian of 1.3.2 leaves out the external potential (off by ~1e-2 for a water in three
        # charges); finite differences of the analytic gradients, which include it, are right.
        keywords.setdefault("function_kwargs", {})["dertype"] = 1
    return data


def run_task(scratch, threads):
    """One calculation: SCRATCH/in.json (qcschema_input) is replaced by psi4's qcschema_output document."""
    os.chdir(scratch)  # psi4 searches "." for basis files and writes stray files there
    _core.IOManager.shared_object().set_default_path(scratch)  # psio files (psi.PID.*) and run_json's output
    psi4.extras._input_dir_ = scratch
    _core.set_num_threads(threads, quiet=True)
    with open("in.json") as f:
        data = json.load(f)
    if "qcmb_external_charges" in data.get("extras", {}):
        data = _embed(data)
    data = _json_wrapper.run_json(data)
    with open("in.json", "w") as f:
        json.dump(data, f)


def reset(home):
    """Leaves Psi4 as a fresh process would be for the next fragment."""
    os.chdir(home)
    _core.set_output_file(os.path.join(home, "between.out"), False)
    _core.clean()  # psio scratch files of the calculation
    _core.clean_options()
    _core.clean_variables()
    if hasattr(_core, "EXTERN"):
        del _core.EXTERN  # the SCF setup applies core.EXTERN whenever the attribute exists
    _core.set_legacy_wavefunction(None)  # the last SCF wavefunction, kept by the driver
    _core.set_legacy_molecule(None)
    _core.IO.set_default_namespace("")
    for name in psi4.extras.numpy_files:
        try:
            os.unlink(name)
        except OSError:
            pass
    del psi4.extras.numpy_files[:]
    _core.IOManager.shared_object().set_default_path(home)


def _serve(home):
    # Psi4 and its libraries print to stdout now and then; the protocol keeps the real stdout to itself and
    # sends everything else to stderr (Java's log file).
    channel = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def answer(obj):
        channel.write(json.dumps(obj) + "\n")
        channel.flush()

    answer({"ready": psi4.__version__})
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            try:
                run_task(request["scratch"], int(request.get("threads", 1)))
            finally:
                reset(home)
        except Exception:
            answer({"done": False, "message": traceback.format_exc()})
            continue
        answer({"done": True})


_home = os.getcwd()
if os.environ.get("QCMB_PSI4_ONE_TASK"):
    run_task(_home, _core.get_num_threads())
else:
    _serve(_home)
