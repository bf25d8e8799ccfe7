# Runs one QCSchema input with external point charges through Psi4 1.3.2.
#
# Psi4 1.3.2's JSON mode (psi4 --json) has no way to pass point charges: keywords go through
# psi4.set_options, which can set the EXTERN flag but not the potential itself. This script is run as
#     psi4 --skip-preprocessor embed.py embed.out
# (psithon mode: psi4 execs it with the psi4 module imported). It builds the external potential exactly as a
# psithon "Chrgfield = QMMM()" block does, then calls the same run_json as --json mode and, like --json mode,
# overwrites in.json with the qcschema_output document.
import json

with open("in.json") as f:
    data = json.load(f)

qmmm = psi4.QMMM()
for q, x, y, z in data["extras"].pop("qcmb_external_charges"):
    qmmm.addChargeBohr(q, x, y, z)
qmmm.populateExtern()
psi4.core.set_global_option_python("EXTERN", qmmm.extern)

keywords = data["keywords"]
# run_json clears all options before it runs, which turns the EXTERN flag off again (the potential itself,
# core.EXTERN, stays and SCF uses it). Finite differences read the flag: without it they project out
# translations and rotations, which is wrong in an external field.
keywords["extern"] = True
if data["driver"] == "hessian":
    # The analytic SCF Hessian of 1.3.2 leaves out the external potential (off by ~1e-2 for a water in three
    # charges); finite differences of the analytic gradients, which include it, are right.
    keywords.setdefault("function_kwargs", {})["dertype"] = 1

data = psi4.json_wrapper.run_json(data)

with open("in.json", "w") as f:
    json.dump(data, f)
