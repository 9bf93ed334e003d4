#!/usr/bin/env python3
"""Samizdat side by side with Hugo on the same generated posts (`make bench`).

For each size in BENCH_SIZES (default "1000 10000 100000") the corpus is generated once under
.build/bench/<N>/ (kept while Benchmarks/generate.py is unchanged), then each scenario runs
BENCH_RUNS times (default 5, 3 from 100,000 posts), interleaved round by round so that a change
in the machine's load hits every scenario alike:

  hugo        Hugo's full build: `hugo --quiet -d public` after setting public/ and resources/ aside
  cold        Samizdat after setting Output/ and .samizdat/ aside
  noop        Samizdat again, nothing changed
  edit        one note in the middle of the timeline gets one more sentence
  add         one new note, newer than every post
  tag-rename  one tag renamed in every post that has it (front matter `tags`)
  template    Templates/post.mustache (an override, a copy of the built-in one) gets an HTML comment
  serve       `samizdat serve --port 0` running: from saving the edit of `edit` to the rebuilt page
              being served (the reload event read, then the page fetched and found to hold the edit)
  floor-write not Samizdat: Benchmarks/floor.c writes every file of the cold build's output into
              a new folder (each folder made once, then open, write, close; the bytes read
              beforehand), on as many threads as cores: the file system's share of a cold build
  floor-stat  not Samizdat: floor.c `fstatat`s every source below Content/ and every output below
              Output/, on as many threads as cores: what any build must do, at the least, to learn
              that one file changed and that no output was touched

Once, apart from the sizes (its own table):

  import      `samizdat import twitter` of a generated Twitter/X archive of BENCH_IMPORT_TWEETS
              tweets (default 50,000; Benchmarks/twitter_archive.py) into an empty site, then
              that site's cold build

Folders are set aside (moved to .build/bench/trash/), not deleted, before a measured run: see
discard(). The trash is emptied when the bench ends, and between rounds when the next round might
not fit on the disk (at 100,000 posts), followed by a 65 s wait: see make_room().

Every incremental run starts from the same state: Output/ and .samizdat/ as the first cold build
left them are copied back (`cp -a`, times kept), the scenario changes its files, Samizdat runs,
and the files are put back byte for byte with their times.

Measured per run, for the child process alone: wall time, CPU time (user + sys, from wait4),
peak RSS (ru_maxrss from wait4), and files and bytes written (new or changed files, comparing
(size, mtime_ns) of every file under the output folder before and after).

Environment: BENCH_SIZES, BENCH_RUNS, BENCH_SCENARIOS (a subset, e.g. "hugo cold" or "import"),
BENCH_IMPORT_TWEETS, SAMIZDAT (default .build/release/samizdat), HUGO (default hugo).
"""

import hashlib
import json
import os
import platform
import re
import select
import signal
import socket
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402
import twitter_archive  # noqa: E402

BENCH_DIR = os.path.join(ROOT, ".build", "bench")
SCENARIOS = ["hugo", "cold", "noop", "edit", "add", "tag-rename", "template", "serve", "floor-write", "floor-stat"]
LABELS = {
    "hugo": "Hugo full build",
    "cold": "Samizdat cold build",
    "noop": "Samizdat no-op rebuild",
    "edit": "Samizdat, one post edited",
    "add": "Samizdat, one post added",
    "tag-rename": "Samizdat, one tag renamed (every post with it)",
    "template": "Samizdat, post template changed",
    "serve": "samizdat serve: saved edit to page served",
    "floor-write": "Floor: the output's files written, nothing else (floor.c)",
    "floor-stat": "Floor: every source and output `stat`ed (floor.c)",
}
TEMPLATE_COMMENT = "<!-- bench: the post template changed -->\n"
IMPORT_LABELS = {
    "import": "Samizdat import twitter (into an empty site)",
    "import-build": "Samizdat cold build of the imported site",
}


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- measuring -------------------------------------------------------------------------------

def snapshot(folder):
    """{relative path: (size, mtime_ns)} of every file below folder."""
    files = {}
    if not os.path.isdir(folder):
        return files
    for parent, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(parent, name)
            st = os.lstat(path)
            files[os.path.relpath(path, folder)] = (st.st_size, st.st_mtime_ns)
    return files


def written(before, after):
    """Files new or changed between two snapshots, and their bytes."""
    changed = [p for p, meta in after.items() if before.get(p) != meta]
    return len(changed), sum(after[p][0] for p in changed)


def run(command, cwd, log_path):
    """Runs command; returns wall seconds, CPU seconds, peak RSS in MB, exit code."""
    with open(log_path, "ab") as out:
        out.write(f"$ {' '.join(command)}  (in {cwd})\n".encode())
        out.flush()
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,  # KiB on Linux
        "rc": child.returncode,
        "load": os.getloadavg()[0],
    }


# --- setting folders aside ------------------------------------------------------------------------

TRASH = os.path.join(BENCH_DIR, "trash")
_discarded = [0]


def discard(path):
    """Moves `path` into the trash folder, emptied only when the whole bench is over.

    Deleting a site's 28,000 files and folders right before a measured build made that build
    spend most of its time in the kernel on this machine's ext4 (`recently_deleted()`: for a minute
    at least, each new inode is searched past the inodes just freed), whichever tool it was. A user's
    first build does not follow such a deletion, so no measured build does either.
    """
    if os.path.lexists(path):
        os.makedirs(TRASH, exist_ok=True)
        _discarded[0] += 1
        os.rename(path, os.path.join(TRASH, f"{_discarded[0]}-{os.path.basename(path)}"))


def empty_trash(reason):
    """Empties the trash, then waits out ext4's `recently_deleted()` window (see discard())."""
    if not os.path.isdir(TRASH):
        return
    log(f"Emptying {TRASH} ({reason}), then waiting 65 s for the file system to settle")
    shutil.rmtree(TRASH, ignore_errors=True)
    os.sync()
    time.sleep(65)


def make_room(needed):
    """Empties the trash between rounds when the next round might not fit on the disk.

    A round at 100,000 posts sets aside some 25 GB (Hugo's and Samizdat's outputs, and a copy of
    Output/ and .samizdat/ for each incremental scenario): three rounds kept until the end filled
    the disk of the development machine. Smaller sizes never need it, and skip the wait.
    """
    if shutil.disk_usage(BENCH_DIR).free < 1.5 * needed + 2e9:
        empty_trash(f"the next round needs some {needed / 1e9:.0f} GB")


# --- the file system's floor ----------------------------------------------------------------------

def floor_tool():
    """Benchmarks/floor.c compiled into .build/bench/floor (again when the source is newer)."""
    source = os.path.join(HERE, "floor.c")
    binary = os.path.join(BENCH_DIR, "floor")
    if not os.path.exists(binary) or os.path.getmtime(binary) < os.path.getmtime(source):
        compiler = shutil.which("cc") or shutil.which("clang")
        if compiler is None:
            sys.exit("No C compiler (cc or clang) for Benchmarks/floor.c")
        subprocess.run([compiler, "-O2", "-pthread", "-o", binary, source], check=True)
    return binary


def files_below(folder):
    """Relative paths of the files below folder, sorted byte-wise."""
    found = []
    for parent, _, names in os.walk(folder):
        found += [os.path.relpath(os.path.join(parent, name), folder) for name in names]
    return sorted(found, key=lambda p: p.encode())


def floor_run(arguments, paths):
    """Runs floor.c with `paths` on its input; the same keys as run()."""
    done = subprocess.run(arguments, input="\n".join(paths) + "\n", capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(arguments)}: {done.stderr.strip() or done.stdout.strip()}")
    measured = json.loads(done.stdout)
    return {"wall": measured["wall"], "cpu": measured["user"] + measured["sys"], "rss_mb": 0, "rc": 0,
            "load": os.getloadavg()[0], "count": measured["count"]}


# --- samizdat serve -------------------------------------------------------------------------------

class Server:
    """`samizdat serve --port 0` on a site, its event stream open; CPU and memory from /proc."""

    def __init__(self, samizdat, site, log_path):
        self.log = open(log_path, "ab")
        self.child = subprocess.Popen([samizdat, "serve", "--site", site, "--port", "0"], cwd=ROOT,
                                      stdout=subprocess.PIPE, stderr=self.log)
        self.port = None
        for line in self.child.stdout:
            self.log.write(line)
            self.log.flush()
            found = re.search(rb"http://127\.0\.0\.1:(\d+)/ \(Ctrl-C", line)
            if found:
                self.port = int(found.group(1))
                break
        if self.port is None:
            sys.exit(f"samizdat serve did not start; see {log_path}")
        # The rest of its output goes to the log, so the pipe never fills up.
        threading.Thread(target=self._copy_output, daemon=True).start()
        self.events = socket.create_connection(("127.0.0.1", self.port), timeout=600)
        self.events.sendall(b"GET /__samizdat/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.received = b""
        self.wait_for(b": connected")

    def _copy_output(self):
        for line in self.child.stdout:
            self.log.write(line)
            self.log.flush()

    def wait_for(self, text):
        while text not in self.received:
            chunk = self.events.recv(65536)
            if not chunk:
                sys.exit("samizdat serve closed its event stream")
            self.received += chunk
        self.received = self.received[self.received.index(text) + len(text):]

    def drain(self):
        """Forgets what the event stream said until now."""
        while select.select([self.events], [], [], 0)[0]:
            chunk = self.events.recv(65536)
            if not chunk:
                break
        self.received = b""

    def get(self, path):
        with socket.create_connection(("127.0.0.1", self.port), timeout=600) as connection:
            connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            reply = b""
            while chunk := connection.recv(65536):
                reply += chunk
        return reply.decode("utf-8", "replace")

    def cpu(self):
        with open(f"/proc/{self.child.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_mb(self):
        with open(f"/proc/{self.child.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        self.events.close()
        self.child.send_signal(2)  # Ctrl-C
        self.child.wait(timeout=600)
        self.log.close()


def post_path(text, relative):
    """/YYYY/MM/DD/slug/ of a corpus post: its date is written in the site's time zone."""
    date = re.search(r"^date: (\d{4})-(\d{2})-(\d{2})", text, re.M)
    return f"/{date.group(1)}/{date.group(2)}/{date.group(3)}/{os.path.splitext(os.path.basename(relative))[0]}/"


def bench_serve(folder, site, info, runs, samizdat, log_path, record):
    """Times saved edit → reload event → page served with the edit, `runs` times, with one server
    (its first build, into .samizdat/serve/, is not measured)."""
    server = Server(samizdat, site, log_path)
    served = os.path.join(site, ".samizdat", "serve")
    relative = "Content/" + info["edited_post"]
    try:
        for run_number in range(runs):
            with Edits(folder, site) as edits:
                original = edits.read(relative)
                marker = f"Edited while serving, run {run_number + 1}."
                server.drain()
                before, cpu = snapshot(served), server.cpu()
                started = time.perf_counter()
                edits.write(relative, original + "\n" + marker + "\n")
                server.wait_for(b"event: reload")
                page = server.get(post_path(original, relative))
                wall = time.perf_counter() - started
                if marker not in page:
                    sys.exit(f"serve: the page served after the reload does not hold the edit; see {log_path}")
                files, size = written(before, snapshot(served))
                record({"wall": wall, "cpu": server.cpu() - cpu, "rss_mb": server.peak_mb(), "rc": 0,
                        "load": os.getloadavg()[0], "files": files, "bytes": size})
            server.wait_for(b"event: reload")  # the file put back is built too
    finally:
        server.stop()


# --- the corpus and its state ------------------------------------------------------------------

def corpus(size):
    """Generates .build/bench/<size>/ unless it is there, complete, from this generator."""
    folder = os.path.join(BENCH_DIR, str(size))
    info_path = os.path.join(folder, "corpus.json")
    digest = generate.generator_digest()
    info = None
    if os.path.exists(info_path) and not os.path.exists(os.path.join(folder, "DIRTY")):
        with open(info_path) as f:
            info = json.load(f)
        if info.get("digest") != digest or info.get("posts") != size:
            info = None
    if info is None:
        log(f"[{size}] generating the corpus in {folder}")
        shutil.rmtree(folder, ignore_errors=True)
        generate.main(["--posts", str(size), "--out", folder])
        with open(info_path) as f:
            info = json.load(f)
    else:
        log(f"[{size}] reusing the corpus in {folder}")
    generate.copy_hugo_theme(os.path.join(folder, "hugo"))
    return folder, info


class Edits:
    """Changes files of the Samizdat site, then puts back their bytes and times (and those of the
    folders holding them); a DIRTY marker makes the next run regenerate if this one is killed."""

    def __init__(self, folder, site):
        self.marker = os.path.join(folder, "DIRTY")
        self.site = site
        self.saved = {}

    def __enter__(self):
        open(self.marker, "w").close()
        return self

    def _save(self, path):
        if path in self.saved:
            return
        directory = os.path.dirname(path)
        while not os.path.isdir(directory):
            directory = os.path.dirname(directory)
        for d in {directory, os.path.dirname(directory)}:
            if d not in self.saved:
                st = os.stat(d)
                self.saved[d] = ("dir", (st.st_atime_ns, st.st_mtime_ns))
        if os.path.exists(path):
            st = os.stat(path)
            with open(path, "rb") as f:
                self.saved[path] = ("file", f.read(), (st.st_atime_ns, st.st_mtime_ns))
        else:
            self.saved[path] = ("absent", os.path.dirname(path))

    def write(self, relative, text):
        path = os.path.join(self.site, relative)
        self._save(path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    def read(self, relative):
        with open(os.path.join(self.site, relative), encoding="utf-8") as f:
            return f.read()

    def __exit__(self, *exc):
        dirs = []
        for path, saved in self.saved.items():
            if saved[0] == "file":
                with open(path, "wb") as f:
                    f.write(saved[1])
                os.utime(path, ns=saved[2])
            elif saved[0] == "absent":
                if os.path.exists(path):
                    os.remove(path)
                folder = saved[1]
                while folder != self.site and os.path.isdir(folder) and not os.listdir(folder):
                    os.rmdir(folder)
                    folder = os.path.dirname(folder)
            else:
                dirs.append((path, saved[1]))
        for path, times in dirs:
            if os.path.isdir(path):
                os.utime(path, ns=times)
        os.remove(self.marker)
        return False


def rename_tag(text, old, new):
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("tags: [") and line.endswith("]"):
            tags = [new if t == old else t for t in line[len("tags: ["):-1].split(", ")]
            lines[i] = "tags: [" + ", ".join(tags) + "]"
            break
    return "\n".join(lines)


def change_template(text):
    marker = "{{/main}}"
    assert marker in text, "Templates/post.mustache has no {{/main}}"
    return text.replace(marker, TEMPLATE_COMMENT + marker, 1)


# --- one size ------------------------------------------------------------------------------------

def bench_size(size, runs, scenarios, samizdat, hugo):
    folder, info = corpus(size)
    site = os.path.join(folder, "samizdat")
    hugo_site = os.path.join(folder, "hugo")
    output = os.path.join(site, "Output")
    database = os.path.join(site, ".samizdat")
    state = os.path.join(folder, "state")
    log_path = os.path.join(folder, "bench.log")
    open(log_path, "w").close()
    results = {s: [] for s in scenarios}

    def samizdat_build():
        return run([samizdat, "build", "--site", site], ROOT, log_path)

    def check(scenario, result):
        if result["rc"] != 0:
            sys.exit(f"[{size}] {scenario}: exit status {result['rc']}; see {log_path}")

    def save_state():
        shutil.rmtree(state, ignore_errors=True)
        os.makedirs(state)
        subprocess.run(["cp", "-a", output, database, state], check=True)

    def restore_state():
        if not os.path.isdir(state):
            # No cold build measured in this run: make the starting state once.
            discard(output)
            discard(database)
            check("settle", samizdat_build())
            save_state()
        discard(output)
        discard(database)
        subprocess.run(["cp", "-a", os.path.join(state, "Output"), os.path.join(state, ".samizdat"), site], check=True)

    def measure(scenario, folder_out, action):
        before = snapshot(folder_out)
        # The 290 MB just copied back by restore_state() (or left by the run before) are written
        # to the disk first, not while the measured build runs.
        os.sync()
        result = action()
        check(scenario, result)
        result["files"], result["bytes"] = written(before, snapshot(folder_out))
        results[scenario].append(result)
        log(f"[{size}] {scenario:10} run {len(results[scenario])}/{runs}: {result['wall']:.2f} s wall, "
            f"{result['cpu']:.2f} s CPU, {result['rss_mb']:.0f} MB, {result['files']} files (load {result['load']:.2f})")

    shutil.rmtree(state, ignore_errors=True)
    used_by_round = 0
    for round_number in range(runs):
        if round_number > 0:
            make_room(used_by_round)
        free_before = shutil.disk_usage(BENCH_DIR).free
        if "hugo" in scenarios:
            discard(os.path.join(hugo_site, "public"))
            discard(os.path.join(hugo_site, "resources"))
            measure("hugo", os.path.join(hugo_site, "public"),
                    lambda: run([hugo, "--quiet", "-d", "public"], hugo_site, log_path))
        if "cold" in scenarios:
            discard(output)
            discard(database)
            measure("cold", output, samizdat_build)
            if not os.path.isdir(state):
                save_state()
        if "noop" in scenarios:
            restore_state()
            measure("noop", output, samizdat_build)
        if "edit" in scenarios:
            restore_state()
            with Edits(folder, site) as edits:
                path = "Content/" + info["edited_post"]
                edits.write(path, edits.read(path) + info["appended_sentence"])
                measure("edit", output, samizdat_build)
        if "add" in scenarios:
            restore_state()
            with Edits(folder, site) as edits:
                edits.write("Content/" + info["added_post"], info["added_text"])
                measure("add", output, samizdat_build)
        if "tag-rename" in scenarios:
            restore_state()
            with Edits(folder, site) as edits:
                for relative in info["rename_files"]:
                    path = "Content/" + relative
                    edits.write(path, rename_tag(edits.read(path), info["rename_tag"], info["renamed_tag"]))
                measure("tag-rename", output, samizdat_build)
        if "template" in scenarios:
            restore_state()
            with Edits(folder, site) as edits:
                path = "Templates/post.mustache"
                edits.write(path, change_template(edits.read(path)))
                measure("template", output, samizdat_build)
        if "floor-write" in scenarios or "floor-stat" in scenarios:
            restore_state()
            outputs = files_below(output)
        if "floor-write" in scenarios:
            target = os.path.join(folder, "floor-output")
            discard(target)
            os.sync()
            result = floor_run([floor_tool(), "write", output, target, str(os.cpu_count())], outputs)
            result["files"], result["bytes"] = len(outputs), sum(os.path.getsize(os.path.join(output, p)) for p in outputs)
            results["floor-write"].append(result)
            discard(target)
            log(f"[{size}] floor-write run {len(results['floor-write'])}/{runs}: {result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU")
        if "floor-stat" in scenarios:
            sources = files_below(os.path.join(site, "Content"))
            os.sync()
            parts = [floor_run([floor_tool(), "stat", os.path.join(site, "Content"), str(os.cpu_count())], sources),
                     floor_run([floor_tool(), "stat", output, str(os.cpu_count())], outputs)]
            result = {"wall": sum(p["wall"] for p in parts), "cpu": sum(p["cpu"] for p in parts), "rss_mb": 0, "rc": 0,
                      "load": os.getloadavg()[0], "files": 0, "bytes": 0}
            results["floor-stat"].append(result)
            log(f"[{size}] floor-stat run {len(results['floor-stat'])}/{runs}: {result['wall']:.3f} s wall, {result['cpu']:.3f} s CPU "
                f"({len(sources):,} sources, {len(outputs):,} outputs)")
        used_by_round = max(used_by_round, free_before - shutil.disk_usage(BENCH_DIR).free)
    if "serve" in scenarios:
        def record(result):
            results["serve"].append(result)
            log(f"[{size}] serve      run {len(results['serve'])}/{runs}: {result['wall']:.2f} s from save to page served, "
                f"{result['cpu']:.2f} s CPU, {result['files']} files (load {result['load']:.2f})")
        bench_serve(folder, site, info, runs, samizdat, log_path, record)
    shutil.rmtree(state, ignore_errors=True)
    return info, results


def bench_import(tweets, runs, samizdat):
    """Imports a generated archive of `tweets` tweets into an empty site, then builds it."""
    folder = os.path.join(BENCH_DIR, f"import-{tweets}")
    archive = os.path.join(folder, "twitter.zip")
    info_path = os.path.join(folder, "archive.json")
    with open(twitter_archive.__file__, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    info = None
    if os.path.exists(info_path):
        with open(info_path) as f:
            info = json.load(f)
    if not info or info.get("digest") != digest:
        log(f"[import] generating a Twitter archive of {tweets:,} tweets in {archive}")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        info = dict(twitter_archive.write(tweets, archive), digest=digest)
        with open(info_path + ".tmp", "w") as f:
            json.dump(info, f)
        os.replace(info_path + ".tmp", info_path)
    site = os.path.join(folder, "site")
    log_path = os.path.join(folder, "bench.log")
    open(log_path, "w").close()
    results = {"import": [], "import-build": []}
    for _ in range(runs):
        discard(site)
        os.makedirs(site)
        with open(os.path.join(site, "site.yml"), "w") as f:
            f.write(generate.samizdat_config())
        for scenario, command, out in [
                ("import", [samizdat, "import", "twitter", archive, "--site", site], os.path.join(site, "Content")),
                ("import-build", [samizdat, "build", "--site", site], os.path.join(site, "Output"))]:
            before = snapshot(out)
            result = run(command, ROOT, log_path)
            if result["rc"] != 0:
                sys.exit(f"[import] {scenario}: exit status {result['rc']}; see {log_path}")
            result["files"], result["bytes"] = written(before, snapshot(out))
            results[scenario].append(result)
            log(f"[import] {scenario:12} run {len(results[scenario])}/{runs}: {result['wall']:.2f} s wall, "
                f"{result['cpu']:.2f} s CPU, {result['rss_mb']:.0f} MB, {result['files']} files")
    lines = [f"### Twitter import, {info['tweets']:,} tweets", "",
             f"A generated archive (Benchmarks/twitter_archive.py) of {info['tweets']:,} tweets and {info['media']:,} media files, "
             f"{info['bytes'] / 1e6:.1f} MB zipped. " + (f"{runs} runs, medians." if runs > 1 else "One run."), "",
             "| scenario | wall median (s) | CPU (s) | peak MB | files written | MB written |",
             "|---|---:|---:|---:|---:|---:|"]
    for scenario, rs in results.items():
        lines.append(f"| {IMPORT_LABELS[scenario]} | {median(rs, 'wall'):.2f} | {median(rs, 'cpu'):.2f} | "
                     f"{max(r['rss_mb'] for r in rs):.0f} | {statistics.median(r['files'] for r in rs):,.0f} | "
                     f"{statistics.median(r['bytes'] for r in rs) / 1e6:.1f} |")
    return "\n".join(lines + [""]), results


# --- report --------------------------------------------------------------------------------------

def median(results, key):
    return statistics.median(r[key] for r in results)


def table(size, info, runs, results, reference=None):
    hugo_wall = median(results["hugo"], "wall") if results.get("hugo") else None
    lines = [f"### {size:,} posts",
             "",
             f"{info['posts']:,} posts: {info['articles']:,} articles, {info['french']:,} in French, "
             f"{info['replies']:,} replies, {info['tags']} tags; tag renamed: `{info['rename_tag']}` in "
             f"{len(info['rename_files']):,} posts. "
             + (f"{runs} runs per scenario, medians." if runs > 1 else "One run per scenario."),
             "",
             "| scenario | wall median (s) | CPU (s) | peak MB | files written | MB written | ratio to Hugo full build (wall) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for scenario in SCENARIOS:
        rs = results.get(scenario)
        if not rs:
            continue
        wall = median(rs, "wall")
        ratio = f"{wall / hugo_wall:.3f}x" if hugo_wall else "–"
        peak = "–" if scenario.startswith("floor") else f"{max(r['rss_mb'] for r in rs):.0f}"
        lines.append(f"| {LABELS[scenario]} | {wall:.2f} | {median(rs, 'cpu'):.2f} | {peak} | "
                     f"{statistics.median(r['files'] for r in rs):,.0f} | {statistics.median(r['bytes'] for r in rs) / 1e6:.1f} | {ratio} |")
    loads = [r["load"] for rs in results.values() for r in rs]
    lines += ["", f"Load average (1 min) after the runs: {min(loads):.2f} to {max(loads):.2f} on {os.cpu_count()} cores. "
              "Peak MB is the highest of the runs."]
    lines += ["", "Targets:", ""] + targets(size, results, reference) + [""]
    return "\n".join(lines)


def targets(size, results, reference=None):
    """The issue's targets that apply at `size`; `reference` holds the 10,000-post results of the
    same run, when it measured them, for the time per post at 100,000."""
    out = []
    hugo = results.get("hugo")

    def verdict(ok):
        return "**pass**" if ok else "**fail**"

    def ratio_target(scenario, limit, label):
        if hugo and results.get(scenario):
            ratio = median(results[scenario], "wall") / median(hugo, "wall")
            out.append(f"- {label} ≤ {limit}x Hugo: {ratio:.3f}x, {verdict(ratio <= limit)}")

    ratio_target("cold", 0.2, "cold build")
    ratio_target("noop", 0.02, "no-op rebuild")
    ratio_target("edit", 0.05, "one post edited")
    ratio_target("add", 0.05, "one post added")
    if results.get("serve"):
        wall = median(results["serve"], "wall")
        out.append(f"- samizdat serve, saved edit in the browser within a second: {wall:.2f} s, {verdict(wall <= 1.0)}")
    if size == 10000 and hugo and results.get("cold"):
        ours = max(r["rss_mb"] for r in results["cold"])
        theirs = max(r["rss_mb"] for r in hugo)
        out.append(f"- peak memory ≤ 0.25x Hugo at 10 000 posts: {ours:.0f} MB against {theirs:.0f} MB = {ours / theirs:.2f}x, "
                   f"{verdict(ours <= 0.25 * theirs)}")
    if size == 100000:
        # Builds (`samizdat build`): the preview server, which keeps what it serves in memory, is
        # not a build; its peak is in its own row of the table.
        peaks = [r["rss_mb"] for s in SCENARIOS if s not in ("hugo", "serve") for r in results.get(s, [])]
        if peaks:
            out.append(f"- builds under 1 GiB at 100 000 posts: {max(peaks):.0f} MB, {verdict(max(peaks) < 1024)}")
        if results.get("edit"):
            wall = median(results["edit"], "wall")
            out.append(f"- one edited post rebuilt in under a second at 100 000 posts: {wall:.2f} s, {verdict(wall < 1.0)}")
        if results.get("cold") and reference and reference.get("cold"):
            here, there = median(results["cold"], "wall") / 100000, median(reference["cold"], "wall") / 10000
            out.append(f"- cold build's time per post within 1.3x of 10 000 posts' (same run): {here * 1000:.3f} ms against "
                       f"{there * 1000:.3f} ms = {here / there:.2f}x, {verdict(here <= 1.3 * there)}")
    return out or ["- (no target applies to the scenarios run)"]


def main():
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000 10000 100000").split()]
    scenarios = os.environ.get("BENCH_SCENARIOS", " ".join(SCENARIOS + ["import"])).split()
    unknown = [s for s in scenarios if s not in SCENARIOS + ["import"]]
    if unknown:
        sys.exit(f"Unknown scenario {unknown[0]!r} in BENCH_SCENARIOS; known: {' '.join(SCENARIOS)} import")
    samizdat = os.path.abspath(os.environ.get("SAMIZDAT", os.path.join(ROOT, ".build", "release", "samizdat")))
    hugo = os.environ.get("HUGO", "hugo")
    if not os.access(samizdat, os.X_OK):
        sys.exit(f"No samizdat binary at {samizdat}: run 'make release' or set SAMIZDAT")
    if "hugo" in scenarios and shutil.which(hugo) is None:
        sys.exit("No hugo on the PATH: run 'make deps-bench' or set HUGO")
    os.makedirs(BENCH_DIR, exist_ok=True)
    empty_trash("left by an interrupted run")
    # A SIGTERM (a run stopped from another shell) empties the trash too, as Ctrl-C does: up to
    # 25 GB are set aside at 100,000 posts.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(f"Stopped by signal {number}"))
    try:
        measure_all(sizes, scenarios, samizdat, hugo)
    finally:
        # (Not stopped half way by a second signal.)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        log(f"Emptying {TRASH}")
        shutil.rmtree(TRASH, ignore_errors=True)


def measure_all(sizes, scenarios, samizdat, hugo):
    versions = [subprocess.run([samizdat, "--version"], capture_output=True, text=True).stdout.strip() or "?"]
    if shutil.which(hugo):
        versions.append(subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    header = [f"# Samizdat against Hugo, {time.strftime('%Y-%m-%d %H:%M %Z')}", "",
              f"samizdat {versions[0]} ({samizdat}, repository at {commit}); {versions[1] if len(versions) > 1 else 'no hugo'}; "
              f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores.", ""]
    sections = []
    raw = {}
    for size in sizes if set(scenarios) - {"import"} else []:
        runs = int(os.environ.get("BENCH_RUNS", "3" if size >= 100000 else "5"))
        info, results = bench_size(size, runs, scenarios, samizdat, hugo)
        section = table(size, info, runs, results, raw.get(10000))
        print(section, flush=True)
        sections.append(section)
        raw[size] = results
        with open(os.path.join(BENCH_DIR, "results.md"), "w") as f:
            f.write("\n".join(header + sections))
        with open(os.path.join(BENCH_DIR, "results.json"), "w") as f:
            json.dump(raw, f, indent=1)
    if "import" in scenarios:
        section, results = bench_import(int(os.environ.get("BENCH_IMPORT_TWEETS", "50000")), int(os.environ.get("BENCH_RUNS", "3")), samizdat)
        print(section, flush=True)
        sections.append(section)
        raw["import"] = results
        with open(os.path.join(BENCH_DIR, "results.md"), "w") as f:
            f.write("\n".join(header + sections))
        with open(os.path.join(BENCH_DIR, "results.json"), "w") as f:
            json.dump(raw, f, indent=1)
    log(f"Tables written to {os.path.join(BENCH_DIR, 'results.md')}")


if __name__ == "__main__":
    main()
