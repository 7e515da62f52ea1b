#!/usr/bin/env python3
"""A MediaWiki XML export of N fictional company pages (deterministic, seed 42), for the import
benchmark: an infobox, three sections, citation templates, reused named refs, a redirect and a
talk page every 50 pages. Every company is fictional ("Example Holdings 00042").

usage: generate_wiki.py OUT.xml N
"""
import random
import sys
from xml.sax.saxutils import escape

WORDS = ("fictional contract border towers drones software cloud services agency records "
         "procurement licences detention transport analytics surveillance platform data").split()


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize()


def page(rng, i):
    name = f"Example Holdings {i:05d}"
    refs = []
    for r in range(5):
        refs.append(
            f'{{{{cite news |title=Fictional report {i}-{r} on {rng.choice(WORDS)} |work=Example Daily {r} '
            f'|url=https://example.com/{i}/{r} |date=March {rng.randint(1, 28)}, {rng.randint(2000, 2025)}}}}}'
        )
    used = set()

    def ref(r):
        if r in used:
            return f'<ref name="r{r}"/>'
        used.add(r)
        return f'<ref name="r{r}">{refs[r]}</ref>'

    def section(first):
        out = []
        for paragraph in range(3):
            out.append(" ".join(f"{sentence(rng)}.{ref(min(4, first + s))}" for s in range(3)))
        return "\n\n".join(out)

    text = (
        "{{Infobox company\n"
        f"| name = {name}\n| industry = Software; {rng.choice(WORDS)}\n| country = United States\n"
        f"| founded = {rng.randint(1900, 2020)}\n| headquarters = Springfield\n| parent company = \n"
        "| status = Active\n| verification = Unverified\n| agencies = ICE; CBP\n}}\n"
        f"== Overview ==\n{section(0)}\n\n== Boycott ==\n{section(1)}\n\n== Background ==\n{section(2)}\n\n"
        "== References ==\n<references/>\n[[Category:Boycotted companies]]\n"
    )
    return name, text


def write_page(out, title, ns, text, redirect=None):
    out.write(f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{ns}</ns>\n")
    if redirect:
        out.write(f'    <redirect title="{escape(redirect)}" />\n')
    out.write(f'    <revision>\n      <text xml:space="preserve">{escape(text)}</text>\n    </revision>\n  </page>\n')


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    with open(path, "w", encoding="utf-8") as out:
        out.write('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">\n'
                  "  <siteinfo><sitename>Example wiki</sitename></siteinfo>\n")
        for i in range(n):
            name, text = page(rng, i)
            write_page(out, name, 0, text)
            if i % 50 == 0:
                write_page(out, f"Example {i:05d}", 0, f"#REDIRECT [[{name}]]", redirect=name)
                write_page(out, f"Talk:{name}", 1, "Is this fictional? Yes.")
        out.write("</mediawiki>\n")


if __name__ == "__main__":
    main()
