"""Explore the shipped LCRCA framework and load a council's own framework file.

Run: python examples/explore_framework.py
"""

from pathlib import Path

import socialvalue as sv

HERE = Path(__file__).parent

framework = sv.io.shipped_framework()
print(f"{framework.title} — version {framework.version}")
print(f"source: {framework.source.cite() if framework.source else 'none'}\n")

# Measures by vision pillar, with how each is valued.
for pillar in framework.dimension("pillar").values:
    codes = [
        m.code
        for m in framework.measures()
        if pillar.code in framework.tag_values(m.code, "pillar")
    ]
    print(f"{pillar.title} ({len(codes)} measures): {', '.join(codes)}")

# Double counting is declared, not discovered later.
print(
    "\nmeasures that may double count with LCR-EMP-1:",
    ", ".join(framework.overlapping("LCR-EMP-1")),
)

# A council's own framework, loaded from TOML.
demo = sv.load_framework(HERE / "demo-council-framework.toml")
print(f"\nloaded {demo.id!r}: {[m.code for m in demo.measures()]}")

# A mistake in a file is reported with its key path, and nothing is half-loaded.
broken = (
    (HERE / "demo-council-framework.toml").read_text().replace('unit = "fte_year"', 'unit = "fte"')
)
try:
    sv.io.loads(broken, sv.Framework, format="toml", source="broken.toml")
except sv.DataFileError as error:
    print(f"\n{error}")
