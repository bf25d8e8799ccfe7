# Extra density-fitted references (Psi4 1.3.2 defaults unless a case sets keywords): frozen core, fitting-set
# fallbacks, user fitting sets, Cartesian fitting, conventional MP2 on a DF reference, a ghost atom, and ion-water
# pairs (charged molecules; Li, Na and Mg, which aug-cc-pvdz-jkfit/-ri lack, fall back to def2-qzvpp-jkfit/-ri;
# Cl and Br, third and fourth row), and two waters far apart (degenerate occupied orbitals).
# Run in an empty directory: python3 psi4-df-extra-generator.py  (writes psi4-df-extra.json)
import json, subprocess
T=[-2.76373224,-1.24377706,-0.15444566,-1.12357791,-2.0622797,-0.05243799,-3.80792362,-2.08705525,1.06090407,2.46924614,-1.75437739,-0.17092884,3.7636826,-2.21425403,1.00846104,2.3059833,0.07098445,-0.03942473]
W=["O","H","H"]
GH=T[:9]+[0.3,0.4,3.1]
cases=[("h2o-dimer-aug-cc-pvdz-mp2-fc-df",W+W,T,[True]*6,"mp2","aug-cc-pvdz","energy",{"freeze_core":True}),
       ("h2o-dimer-cc-pvdz-mp2-fc-df-gradient",W+W,T,[True]*6,"mp2","cc-pvdz","gradient",{"freeze_core":True}),
       ("h2o-sto-3g-mp2-df",W,T[:9],[True]*3,"mp2","sto-3g","energy",{}),
       ("h2o-6-31pgs-hf-df",W,T[:9],[True]*3,"hf","6-31+g*","gradient",{}),
       ("h2o-dimer-cc-pvdz-conv-mp2-on-df-scf",W+W,T,[True]*6,"mp2","cc-pvdz","energy",{"mp2_type":"conv"}),
       ("h2o-cc-pvdz-hf-df-user-fitting",W,T[:9],[True]*3,"mp2","cc-pvdz","energy",{"df_basis_scf":"def2-tzvp-jkfit","df_basis_mp2":"cc-pvtz-ri"}),
       ("h2o-cc-pvdz-cartesian-mp2-df",W,T[:9],[True]*3,"mp2","cc-pvdz","energy",{"puream":False}),
       ("h2o-ghost-he-aug-cc-pvdz-mp2-df-gradient",W+["He"],GH,[True]*3+[False],"mp2","aug-cc-pvdz","gradient",{})]
# two identical waters 50 Angstrom apart: occupied orbitals degenerate in pairs to about 1e-7 Eh
FAR=T[:9]+[T[i]+(94.48630622 if i%3==0 else 0.0) for i in range(9)]
cases.append(("h2o-pair-50a-aug-cc-pvdz-mp2-df",W+W,FAR,[True]*6,"mp2","aug-cc-pvdz","energy",{}))
# ion-water pairs: (name, ion, ion position, water, charge, method, driver); bohr
WA=[0.0,0.0,0.0,1.43088,1.10831,0.0,-1.43088,1.10831,0.0]  # water, hydrogens towards +y (cations sit at -y)
WH=[0.0,0.0,0.0,0.0,1.81414,0.0,1.75746,-0.45353,0.0]     # water with one O-H pointing at +y (anions sit at +y)
for name,ion,pos,wat,q,method,driver in [("li-h2o-aug-cc-pvdz-mp2-df","Li",[0.0,-3.59048,0.0],WA,1,"mp2","energy"),
        ("na-h2o-aug-cc-pvdz-mp2-df","Na",[0.0,-4.34637,0.0],WA,1,"mp2","energy"),
        ("mg-h2o-aug-cc-pvdz-hf-df-gradient","Mg",[0.0,-3.96842,0.0],WA,2,"hf","gradient"),
        ("cl-h2o-aug-cc-pvdz-mp2-df-gradient","Cl",[0.0,6.04712,0.0],WH,-1,"mp2","gradient"),
        ("br-h2o-aug-cc-pvdz-mp2-df","Br",[0.0,6.42506,0.0],WH,-1,"mp2","energy")]:
    cases.append((name,[ion]+W,pos+wat,[True]*4,method,"aug-cc-pvdz",driver,{},q))
out=[]
for name,sym,geom,real,method,basis,driver,kw,*charge in cases:
    q=charge[0] if charge else 0
    k={"e_convergence":1e-11,"d_convergence":1e-10}; k.update(kw)
    inp={"schema_name":"qcschema_input","schema_version":1,"molecule":{"symbols":sym,"geometry":geom,"real":real,"fix_com":True,"fix_orientation":True,"molecular_charge":q,"molecular_multiplicity":1},"driver":driver,"model":{"method":method,"basis":basis},"keywords":k}
    json.dump(inp,open("in.json","w"))
    subprocess.run(["psi4","--json","in.json","-n","1"],check=True,capture_output=True)
    r=json.load(open("in.json")); assert r["success"], r.get("error")
    c={"name":name,"symbols":sym,"geometry":geom,"real":real,"charge":q,"multiplicity":1,"method":method,"basis":basis,"driver":driver,"keywords":kw,
       "energy":r["properties"]["return_energy"],"nuclear_repulsion_energy":r["properties"]["nuclear_repulsion_energy"],"nbasis":r["properties"]["calcinfo_nbasis"]}
    if driver=="gradient": c["gradient"]=[x for row in r["return_result"] for x in row] if isinstance(r["return_result"][0],list) else r["return_result"]
    if method=="mp2": c["scf_energy"]=r["properties"]["scf_total_energy"]
    out.append(c); print(name, c["energy"])
json.dump({"generator":"psi4 1.3.2 (psi4 --json -n 1), Psi4 defaults (scf_type df, mp2_type df) plus the keywords of each case, e_conv 1e-11, d_conv 1e-10, geometry in bohr","cases":out},open("psi4-df-extra.json","w"),indent=1)
