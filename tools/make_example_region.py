#!/usr/bin/env python3
"""Writes assets/example/riverford.csv: a fictional region for the bundled example.

Names and places are invented; list sizes, weighted ratios, FTE and coordinates are drawn in the
ranges of the real 2022/23 data (../shared/data/README.md). Deterministic: same output every run.
"""
import csv, random, sys

random.seed(20261122)
towns = [  # invented towns: (name, lat, lon, hub name)
    ("Riverford", 52.412, -1.962, "Riverford Central PCN"),
    ("Ashcombe", 52.478, -2.071, "Ashcombe & Wyle PCN"),
    ("Wyle Bridge", 52.455, -2.132, "Ashcombe & Wyle PCN"),
    ("Hollins Cross", 52.351, -1.873, "Hollins Vale PCN"),
    ("Marlow Fen", 52.302, -1.998, "Fenland Villages PCN"),
    ("Stanmere", 52.521, -1.901, "Stanmere & Oakby PCN"),
    ("Oakby", 52.548, -1.832, "Stanmere & Oakby PCN"),
    ("Thornleigh", 52.389, -2.201, "Thornleigh Rural PCN"),
    ("Kestrel Down", 52.265, -2.105, "Kestrel Downs PCN"),
    ("Eastbrook", 52.433, -1.788, "Eastbrook PCN"),
]
kinds = ["Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Family Practice"]
prefixes = ["The Old Mill", "Bridge Street", "Riverside", "Orchard", "Park View", "Market Square",
            "Elm Tree", "St Aldric's", "Church Lane", "The Willows", "Highfield", "Meadowbank",
            "Station Road", "Greenway", "Castle Hill", "Linden", "Abbey Fields", "Brookside",
            "Hawthorn", "Northgate", "Southgate", "Kingfisher", "Beacon", "Fairfield", "Copper Beech",
            "Rowan", "Ivy House", "Lantern", "Millbrook", "Heron Way", "Foxglove", "Granary",
            "Cedar House", "Weavers", "Tollgate", "Spinney", "Quarry Lane", "Wharf", "Mulberry",
            "Chapel Row", "Saxon", "Greystones", "Larkfield", "Bellfield", "Nightingale", "Pound Lane"]
hub_codes = {}
rows = []
n = 0
for town, lat, lon, hub in towns:
    count = random.randint(3, 5)
    hub_codes.setdefault(hub, "X%05d" % (10001 + 137 * len(hub_codes)))
    for _ in range(count):
        n += 1
        prefix = prefixes[(n * 7) % len(prefixes)]
        name = f"{prefix} {random.choice(kinds)}".upper()
        if n % 9 == 0:
            name = f"{town} {random.choice(kinds)}".upper()
        registered = round(random.lognormvariate(8.85, 0.45) * 4) / 4  # quarter patients
        registered = min(max(registered, 1850.25), 31980.5)
        ratio = random.uniform(0.86, 1.18)
        weighted = round(registered * ratio, 2)
        gp = round(registered / random.uniform(1500, 3200), 1)
        nurse = round(registered / random.uniform(2500, 5200), 1)
        plat = round(lat + random.uniform(-0.035, 0.035), 6)
        plon = round(lon + random.uniform(-0.05, 0.05), 6)
        postcode = "RF%d %d%s" % (1 + n % 19, n % 10, "ABDEFGHJLNPQRSTUWXYZ"[n % 20] + "ABDEFGHJLNPQRSTUWXYZ"[(n * 3) % 20])
        code = "X%05d" % (80000 + n * 13)
        beds = random.choice(["", "", "", "", str(random.randint(10, 120))])
        rows.append({
            "practice_code": code, "practice_name": name, "postcode": postcode,
            "lat": plat, "lon": plon, "registered_patients": registered,
            "weighted_patients": weighted, "pcn_code": hub_codes[hub], "pcn_name": hub.upper(),
            "gp_fte": gp, "nurse_fte": nurse, "care_home_beds": beds,
            "sub_icb_code": "99X", "sub_icb_name": "RIVERFORD AND DISTRICT (FICTIONAL)",
            "rurality": "Rural" if town in ("Marlow Fen", "Thornleigh", "Kestrel Down") else "Urban",
            "snapshot_date": "2023-03-31",
        })
# Quirks the real data has: a practice without a PCN, one without workforce figures, one without
# coordinates, a name with an apostrophe and a comma.
rows[5]["pcn_code"] = rows[5]["pcn_name"] = ""
rows[23]["pcn_code"] = rows[23]["pcn_name"] = ""
rows[11]["gp_fte"] = rows[11]["nurse_fte"] = ""
rows[17]["lat"] = rows[17]["lon"] = ""
rows[8]["practice_name"] = "DR O'NEILL, PATEL & PARTNERS"
w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()), lineterminator="\n")
w.writeheader()
w.writerows(rows)
