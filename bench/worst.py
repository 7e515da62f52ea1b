#!/usr/bin/env python3
"""Writes the worst cases for a lint's cost, as an attacker would craft them:

- files/: N entries that each hold `{}` (7 findings each: 700,000 findings at N = 100,000);
- markers-S/: one fictional entry whose overview carries S copies of the marker `[99]`
  (S = 24,000: 97 KB; S = 240,000: 963 KB, under the 1 MiB size cap), every one a finding.

usage: worst.py OUT_DIR N SCHEMA
"""
import json, os, shutil, sys

out, n, schema = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def root(name):
    path = os.path.join(out, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.join(path, "dataset"))
    os.makedirs(os.path.join(path, "schema"))
    shutil.copy(schema, os.path.join(path, "schema", "company.schema.json"))
    return path


files = root("files")
for i in range(n):
    with open(os.path.join(files, "dataset", f"example-holdings-{i:06d}.json"), "w") as f:
        f.write("{}")

for count in (24000, 240000):
    path = root(f"markers-{count}")
    entry = {
        "id": "acme-widgets",
        "name": "Acme Widgets",
        "sections": {"overview": "Acme Widgets is a fictional drone maker. " + "[99]" * count},
        "sources": [{"id": 1, "title": "Acme Widgets company profile", "publisher": "Example News"}],
    }
    with open(os.path.join(path, "dataset", "acme-widgets.json"), "w") as f:
        json.dump(entry, f, indent=2)

# One entry with S sources, each cited once: a rule that looks every source up among every
# marker costs S^2 (citation-unused did, until it collected the cited numbers in one pass).
for count in (1200, 12000):
    path = root(f"sources-{count}")
    entry = {
        "id": "acme-widgets",
        "name": "Acme Widgets",
        "sections": {"overview": "Acme Widgets is a fictional drone maker." + "".join(f"[{i}]" for i in range(1, count + 1))},
        "sources": [{"id": i, "title": f"Report {i}", "publisher": "Example News"} for i in range(1, count + 1)],
    }
    with open(os.path.join(path, "dataset", "acme-widgets.json"), "w") as f:
        json.dump(entry, f, separators=(",", ":"))
