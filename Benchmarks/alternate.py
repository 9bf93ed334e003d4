#!/usr/bin/env python3
"""Two builds of Samizdat side by side on the same site: an A/B test for one change.

On a shared or virtual machine the same build's time moves by a third from one minute to the
next, so two binaries measured one after the other are not compared fairly. This script makes
two copies of a site, one per binary, and builds them in turn, round after round, so that what
the machine does hits both alike:

    python3 Benchmarks/alternate.py --site .build/bench/10000/samizdat --runs 9 \\
        --scenario edit /tmp/samizdat-before .build/release/samizdat

Scenarios (each round, on each copy, before its build):

  edit   one more sentence at the end of the post in the middle of the timeline
  add    one new note, newer than every post
  noop   nothing (each copy is built twice first, so nothing is left to do)

It prints, per binary, the median wall time, the median CPU time (user + sys) and the median
of each step (`SAMIZDAT_TIMINGS=1`). The copies live in .build/bench/alternate/ and are
reused while the site's files are the same; `--fresh` makes them again. Not part of `make test`
or `make bench`.
"""

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(os.path.dirname(HERE), ".build", "bench", "alternate")


def build(binary, site):
    """Runs `binary build` in `site`: (wall s, CPU s, {step: seconds})."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([binary, "build"], cwd=site, capture_output=True, text=True,
                            env=dict(os.environ, SAMIZDAT_TIMINGS="1"))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{binary} build failed in {site}:\n{result.stdout}{result.stderr}")
    steps = {}
    for line in (result.stdout + result.stderr).splitlines():
        # "  content                     0.191 s     102 MB peak"
        parts = line.split()
        if len(parts) >= 5 and parts[-1] == "peak" and parts[-4] == "s":
            steps[" ".join(parts[:-5])] = float(parts[-5])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, steps


def middle_post(site):
    posts = []
    for folder, _, names in os.walk(os.path.join(site, "Content", "posts")):
        posts += [os.path.join(folder, name) for name in names if name.endswith(".md")]
    posts.sort()
    return posts[len(posts) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True, help="a Samizdat site folder (e.g. .build/bench/10000/samizdat)")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--scenario", choices=["edit", "add", "noop"], default="edit")
    parser.add_argument("--fresh", action="store_true", help="copy the site again")
    parser.add_argument("binaries", nargs=2, metavar="BINARY")
    args = parser.parse_args()

    copies = []
    for name, binary in zip(["a", "b"], args.binaries):
        binary = os.path.abspath(binary)
        copy = os.path.join(WORK, name)
        if args.fresh or not os.path.isdir(copy):
            shutil.rmtree(copy, ignore_errors=True)
            os.makedirs(WORK, exist_ok=True)
            shutil.copytree(args.site, copy, symlinks=True,
                            ignore=shutil.ignore_patterns("Output", ".samizdat"))
        # The binary's own first build (a new binary's records are made again), then one more,
        # so that the measured builds start from a settled state.
        build(binary, copy)
        build(binary, copy)
        copies.append((binary, copy))

    results = {copy: {"wall": [], "cpu": [], "steps": {}} for _, copy in copies}
    for round_number in range(args.runs):
        for binary, copy in copies:
            if args.scenario == "edit":
                with open(middle_post(copy), "a", encoding="utf-8") as post:
                    post.write(f"\nOne more sentence, round {round_number} ({random.random():.6f}).\n")
            elif args.scenario == "add":
                # Dated a little before now: newer than the generated posts, and not held back
                # as a post from the future would be.
                date = datetime.now(timezone.utc) - timedelta(minutes=10)
                folder = os.path.join(copy, "Content", "posts", date.strftime("%Y"), date.strftime("%m"))
                os.makedirs(folder, exist_ok=True)
                with open(os.path.join(folder, f"added-{round_number}-{time.time_ns()}.md"), "w", encoding="utf-8") as post:
                    post.write(f"---\ndate: {date.strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
                               f"tags: [bench]\n---\nA note added in round {round_number}. #bench\n")
            wall, cpu, steps = build(binary, copy)
            results[copy]["wall"].append(wall)
            results[copy]["cpu"].append(cpu)
            for step, seconds in steps.items():
                results[copy]["steps"].setdefault(step, []).append(seconds)

    for binary, copy in copies:
        r = results[copy]
        print(f"{binary}\n  {args.scenario}, {args.runs} runs: wall median {statistics.median(r['wall']):.3f} s "
              f"(min {min(r['wall']):.3f}), CPU median {statistics.median(r['cpu']):.3f} s")
        for step, values in r["steps"].items():
            print(f"    {step:28} {statistics.median(values):.3f} s")


if __name__ == "__main__":
    main()
