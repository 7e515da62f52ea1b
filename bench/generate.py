#!/usr/bin/env python3
"""Writes a fictional icelist corpus for benchmarks: N entries (Example Holdings 00042 style,
3-8 sources each, prose with citation markers numbered by first citation, two claims each
citing sources the prose already cites), deterministic by
seed, in a git repository with some history, plus one last commit that changes 10 entries
(what a pull request looks like). Every entry lints clean with --today 2026-06-01.

usage: generate.py OUT_DIR N [--seed S] [--commits C]
"""
import argparse, json, os, random, shutil, subprocess

INDUSTRIES = ["Software", "Drones", "Logistics", "Data brokerage", "Detention services",
              "Surveillance technology", "Consulting", "Telecommunications", "Transportation"]
AGENCIES = ["DHS", "ICE", "CBP", "USCIS"]
COUNTRIES = ["US", "GB", "CA", "DE", "IL", "FR", "NL", "AU"]
TYPES = ["news", "investigation", "press-release", "government-record", "procurement-record", "court-record"]
WORDS = ("the company provided fictional services under a contract with the agency including "
         "software licences data analysis support staff training maintenance hosting and "
         "consulting for field operations according to records reviewed by reporters").split()


def sentence(rng, marker):
    words = rng.sample(WORDS, rng.randint(14, 24))
    return " ".join(words).capitalize() + "." + marker


def entry(rng, n):
    number = f"{n:05d}"
    sources_count = rng.randint(3, 8)
    # Cite every source in order of first citation, then some again.
    order = list(range(1, sources_count + 1))
    cites = [f"[{i}]" for i in order] + [f"[{rng.randint(1, sources_count)}]" for _ in range(rng.randint(3, 6))]
    split = max(1, len(order) // 2)
    overview = " ".join(sentence(rng, c) for c in cites[:split])
    boycott = " ".join(sentence(rng, c) for c in cites[split:len(order)])
    background = " ".join(sentence(rng, c) for c in cites[len(order):])
    sections = {"overview": overview, "boycott": boycott or sentence(rng, "[1]")}
    if background:
        sections["background"] = background
    sources = []
    for i in order:
        sources.append({
            "id": i,
            "title": f"Example Holdings {number} report {i}: " + " ".join(rng.sample(WORDS, 5)),
            "publisher": f"Example Publisher {rng.randint(1, 400)}-{i}",
            "type": rng.choice(TYPES),
            "date": f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "url": f"https://news{i}.example.com/holdings-{number}/{rng.randint(1, 10**6)}",
        })
    agencies = sorted(rng.sample(AGENCIES, rng.randint(1, 2)), key=AGENCIES.index)
    claims = [
        {"id": f"{agencies[0].lower()}-software", "agency": agencies[0], "kind": "software",
         "summary": sentence(rng, "[1]"), "period": {"from": str(rng.randint(2015, 2024))},
         "status": "current"},
        {"id": f"{agencies[-1].lower()}-logistics", "agency": agencies[-1], "kind": "logistics",
         "summary": sentence(rng, f"[{rng.randint(1, sources_count)}]"), "status": "unknown"},
    ]
    return {
        "$schema": "../schema/company.schema.json",
        "id": f"example-holdings-{number}",
        "name": f"Example Holdings {number}",
        "aliases": [f"Example Holdings {number} Inc."],
        "industry": rng.sample(INDUSTRIES, rng.randint(1, 3)),
        "country": rng.choice(COUNTRIES),
        "founded": rng.randint(1950, 2020),
        "headquarters": "Springfield, Oregon, United States",
        "parent_company": None,
        "status": "active",
        "verification": {"status": "verified", "date": f"2026-0{rng.randint(1, 5)}-{rng.randint(1, 28):02d}"},
        "boycott": {"status": "listed", "agencies": agencies},
        "sections": sections,
        "claims": claims,
        "sources": sources,
    }


def write(path, value):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def git(out, *args):
    subprocess.run(["git", "-C", out, *args], check=True, stdout=subprocess.DEVNULL)


def touch(rng, out, n, what):
    path = os.path.join(out, "dataset", f"example-holdings-{n:05d}.json")
    with open(path, encoding="utf-8") as f:
        value = json.load(f)
    # A contributor's edit: the prose changes, the verification does not (a new verification
    # date is a maintainer's, `verification-changed`).
    value["sections"]["overview"] += f" {what}.[1]"
    write(path, value)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--commits", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    here = os.path.dirname(os.path.abspath(__file__))
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(os.path.join(args.out, "dataset"))
    os.makedirs(os.path.join(args.out, "schema"))
    shutil.copy(os.path.join(here, "..", "schema", "company.schema.json"), os.path.join(args.out, "schema"))
    for n in range(args.n):
        write(os.path.join(args.out, "dataset", f"example-holdings-{n:05d}.json"), entry(rng, n))
    git(args.out, "init", "-q", "-b", "main")
    git(args.out, "config", "user.email", "bench@example.com")
    git(args.out, "config", "user.name", "bench")
    git(args.out, "add", "-A")
    git(args.out, "commit", "-q", "-m", "corpus")
    for c in range(args.commits):
        for n in rng.sample(range(args.n), 5):
            touch(rng, args.out, n, f"Edited in commit {c}")
        git(args.out, "commit", "-q", "-am", f"edit {c}")
    for n in rng.sample(range(args.n), 10):
        touch(rng, args.out, n, "Edited by the pull request")
    git(args.out, "commit", "-q", "-am", "pull request: 10 entries")


if __name__ == "__main__":
    main()
