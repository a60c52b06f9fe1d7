"""Benchmark (not a test) of drawing an org chart of 200 units, the most the product allows.

    make bench-orgchart                                     # 200 runs
    .venv/bin/python bench/orgchart_bench.py --runs 50      # a quicker look
    .venv/bin/python bench/orgchart_bench.py --graphviz     # also time Graphviz's dot, if installed

What it does, in this process only: reads the 200-unit outline of
``mengpaneel.testing.orgcharts.large_outline`` (5 directorates, 30 departments, 163 teams),
marks a department, and times what the chart page does for the drawing: read the outline,
count the layers, lay out the tree, write the SVG and the outline as nested lists. Warm-up
runs first, then ``--runs`` timed ones; it reports the median and 95th percentile, and the
size of the SVG, in wall-clock time and in the process's CPU time (the cost to one core,
whatever else the machine runs). Target: median CPU time under 50 ms. Exits 1 when missed.

``--graphviz`` times ``dot -Tsvg`` on the same tree (one process per drawing, as a binding
that shells out would), for the layout decision in docs/decisions.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mengpaneel.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _draw_once(text: str, area: str) -> tuple[int, int]:
    from mengpaneel.orgchart import drawing, layers, outline

    parsed = outline.parse(text)
    key = next(unit.key for unit in parsed.units if unit.name == area)
    chart = drawing.ChartDrawing(
        title="Organogram",
        outline=parsed,
        distance=layers.distance(parsed, key),
        way_of_working="wijkgericht werken",
    )
    svg = drawing.render_svg(chart)
    html = drawing.outline_html(chart)
    return len(svg), len(html)


def _dot_source(text: str) -> str:
    from mengpaneel.orgchart import outline

    parsed = outline.parse(text)
    ids = {unit: f"u{i}" for i, unit in enumerate(parsed.units)}
    lines = ["digraph chart {", "rankdir=TB; node [shape=box, fontname=sans, fontsize=12];"]
    for unit in parsed.units:
        label = unit.name.replace('"', '\\"')
        lines.append(f'{ids[unit]} [label="{label}"];')
        if unit.parent is not None:
            lines.append(f"{ids[unit.parent]} -> {ids[unit]};")
    lines.append("}")
    return "\n".join(lines)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(function, runs: int, warmup: int, clock=time.perf_counter) -> list[float]:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        start = clock()
        function()
        times.append((clock() - start) * 1000)
    return times


def _report(name: str, times: list[float], extra: str = "") -> float:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    print(f"{name:<38} median {median:7.1f} ms   p95 {p95:7.1f} ms   {extra}")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--graphviz", action="store_true")
    args = parser.parse_args()
    _setup()
    from mengpaneel.testing.orgcharts import large_outline

    text = large_outline(200)
    area = "Afdeling Regie Samenleving"
    svg_bytes, html_bytes = _draw_once(text, area)
    times = _timed(lambda: _draw_once(text, area), args.runs, args.warmup)
    _report(
        "ours: parse, layers, layout, SVG, list",
        times,
        f"SVG {svg_bytes / 1000:.0f} kB, list {html_bytes / 1000:.0f} kB",
    )
    # CPU time of this process: what one drawing costs a core, whatever else the machine runs.
    cpu = _timed(lambda: _draw_once(text, area), args.runs, 0, clock=time.process_time)
    median = _report("ours, CPU time of the process", cpu)
    if args.graphviz:
        dot = shutil.which("dot")
        if dot is None:
            print("Graphviz's dot is not installed: skipped (apt-get install graphviz)")
        else:
            source = _dot_source(text)

            def run_dot() -> None:
                subprocess.run(
                    [dot, "-Tsvg"], input=source, capture_output=True, text=True, check=True
                )

            out = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True)
            size = out.stdout.split('viewBox="', 1)[1].split('"', 1)[0]
            _report(
                "graphviz dot -Tsvg (a process each)",
                _timed(run_dot, max(args.runs // 4, 10), 2),
                f"viewBox {size}",
            )
            _report(
                "graphviz, CPU time of the dot process",
                _timed(run_dot, max(args.runs // 4, 10), 0, clock=_children_cpu),
            )
    ok = median < TARGET_MS
    print(f"target: median CPU time under {TARGET_MS:.0f} ms — {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
