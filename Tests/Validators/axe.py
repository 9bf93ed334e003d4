#!/usr/bin/env python3
"""Runs axe-core on pages of a built site in headless Chromium, light and dark, phone and desktop.

Usage: axe.py OUTPUT_DIR PAGE [PAGE…]   (pages relative to OUTPUT_DIR, opened via file://)

One browser session for every page. The colour scheme is emulated through the DevTools protocol
(`Emulation.setEmulatedMedia`); the script checks that the page really sees it, so a dark run can
never silently test the light theme. axe-core comes from the `axe-playwright-python` wheel, which
ships a current `axe.min.js`; Playwright itself is not used. Prints one line per violation and a
summary; exits 1 when there is any violation, 2 when a page could not be checked.
"""
import json
import os
import pathlib
import shutil
import sys

import axe_playwright_python
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

AXE_SCRIPT = pathlib.Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")
SCHEMES = ["light", "dark"]
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
# WCAG 2.x A and AA plus axe's best practices (landmarks, headings, link-in-text-block…).
RUN_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
               "resultTypes": ["violations"]}


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--allow-file-access-from-files"]:
        options.add_argument(flag)
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(options=options, service=Service(executable_path=driver_path))


def audit(driver: webdriver.Chrome, url: str, scheme: str) -> dict:
    driver.get(url)
    seen = driver.execute_script("return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'")
    if seen != scheme:
        raise RuntimeError(f"{url}: the page sees prefers-color-scheme {seen}, expected {scheme}")
    driver.execute_script(AXE_SCRIPT)
    driver.set_script_timeout(60)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done({violations: r.violations, url: r.url, version: axe.version}),"
        " e => done({error: String(e)}));", RUN_OPTIONS)


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    pages = sys.argv[2:]
    missing = [page for page in pages if not (root / page).is_file()]
    if missing:
        print(f"no such page: {', '.join(missing)}", file=sys.stderr)
        return 2
    driver = browser()
    violations = 0
    audits = 0
    try:
        for scheme in SCHEMES:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "screen", "features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for viewport, (width, height) in VIEWPORTS.items():
                driver.set_window_size(width, height)
                for page in pages:
                    result = audit(driver, (root / page).as_uri(), scheme)
                    if "error" in result:
                        print(f"{page} [{scheme}, {viewport}]: axe failed: {result['error']}", file=sys.stderr)
                        return 2
                    audits += 1
                    for violation in result["violations"]:
                        for node in violation["nodes"]:
                            violations += 1
                            summary = " ".join(node.get("failureSummary", "").split())
                            print(f"{page} [{scheme}, {viewport}]: {violation['id']} ({violation['impact']}): "
                                  f"{json.dumps(node['target'])} {node['html'][:160]} — {summary}")
        print(f"axe-core {result.get('version')}: {audits} audits of {len(pages)} pages, {violations} violations")
    finally:
        driver.quit()
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
