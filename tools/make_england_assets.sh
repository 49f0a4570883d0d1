#!/bin/sh
# Rebuilds the bundled England reference from tests/data (run from the repository root).
# tests/bundled_reference.rs checks that both assets still match their sources.
set -eu
mkdir -p assets/england
gzip -9n -c tests/data/england_practices.csv > assets/england/england_practices.csv.gz
python3 - <<'PY'
import csv
sub_icb_of = {r["practice_code"]: r["sub_icb_code"]
              for r in csv.DictReader(open("tests/data/england_practices.csv", encoding="utf-8"))}
pairs = set()
for r in csv.DictReader(open("tests/data/nhs/gp-reg-pat-prac-map.csv", encoding="utf-8")):
    sub_icb = sub_icb_of.get(r["PRACTICE_CODE"])
    if sub_icb:
        pairs.add((sub_icb, r["CCG_CODE"], r["CCG_NAME"]))
with open("assets/england/former_ccg_names.csv", "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["sub_icb_code", "ccg_code", "ccg_name"])
    writer.writerows(sorted(pairs))
PY
