import json, subprocess
T=[-2.76373224,-1.24377706,-0.15444566,-1.12357791,-2.0622797,-0.05243799,-3.80792362,-2.08705525,1.06090407,2.46924614,-1.75437739,-0.17092884,3.7636826,-2.21425403,1.00846104,2.3059833,0.07098445,-0.03942473]
cases=[("h2o-cc-pvtz-hf",["O","H","H"],T[:9],[True]*3,"hf","cc-pvtz","gradient",{}),
       ("h2o-def2-tzvp-hf",["O","H","H"],T[:9],[True]*3,"hf","def2-tzvp","gradient",{}),
       ("h2o-in-dimer-basis-aug-cc-pvdz-hf",["O","H","H","O","H","H"],T,[True]*3+[False]*3,"hf","aug-cc-pvdz","gradient",{}),
       ("h2o-dimer-cc-pvdz-mp2-fc",["O","H","H","O","H","H"],T,[True]*6,"mp2","cc-pvdz","energy",{"freeze_core":True}),
       ("h2o-6-31pgs-hf",["O","H","H"],T[:9],[True]*3,"hf","6-31+g*","gradient",{})]
out=[]
for name,sym,geom,real,method,basis,driver,kw in cases:
    k={"scf_type":"pk","mp2_type":"conv","e_convergence":1e-11,"d_convergence":1e-10}; k.update(kw)
    inp={"schema_name":"qcschema_input","schema_version":1,"molecule":{"symbols":sym,"geometry":geom,"real":real,"fix_com":True,"fix_orientation":True,"molecular_charge":0,"molecular_multiplicity":1},"driver":driver,"model":{"method":method,"basis":basis},"keywords":k}
    json.dump(inp,open("in.json","w"))
    subprocess.run(["psi4","--json","in.json","-n","1"],check=True,capture_output=True)
    r=json.load(open("in.json")); assert r["success"], r.get("error")
    c={"name":name,"symbols":sym,"geometry":geom,"real":real,"charge":0,"multiplicity":1,"method":method,"basis":basis,"driver":driver,"keywords":kw,
       "energy":r["properties"]["return_energy"],"nuclear_repulsion_energy":r["properties"]["nuclear_repulsion_energy"],"nbasis":r["properties"]["calcinfo_nbasis"]}
    if driver=="gradient": c["gradient"]=r["return_result"]
    if method=="mp2": c["scf_energy"]=r["properties"]["scf_total_energy"]
    out.append(c); print(name, c["energy"])
json.dump({"generator":"psi4 1.3.2 (psi4 --json -n 1), scf_type pk, mp2_type conv, e_conv 1e-11, d_conv 1e-10, geometry in bohr; keywords per case","cases":out},open("psi4-extra.json","w"),indent=1)
