"""Open reports in headless Chromium (Debian's ``chromium``) through Playwright's Python API.

Used by the browser tests (``tests/test_browser.py``), by ``make example`` for the screenshot
of the example report's first screen, and by ``bilateral report --pdf`` (:func:`print_pdf`). Playwright comes with the ``test`` extra; the browser is the
system's Chromium (``/usr/bin/chromium``, or ``$BILATERAL_CHROMIUM``): Playwright's own browser
downloads are never used.

    python -m analysis.browser REPORT.html SCREENSHOT.png [WIDTH HEIGHT]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from analysis.errors import BadInput, RunFailure
from analysis.fileio import write_atomic

#: Environment variable naming another Chromium executable.
CHROMIUM_ENV = "BILATERAL_CHROMIUM"
#: Debian's Chromium (``apt-get install chromium``).
DEFAULT_CHROMIUM = "/usr/bin/chromium"
#: Headless, no sandbox (root in containers), and nothing that reaches a network host by itself.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
)
#: Size of the "first screen" of the example screenshot (a laptop screen).
FIRST_SCREEN = (1280, 800)
#: Paper of a report's PDF, its margins (room for the page numbers at the foot) and the footer.
PDF_FORMAT = "A4"
PDF_MARGINS = {"top": "1.5cm", "bottom": "1.7cm", "left": "1.5cm", "right": "1.5cm"}
PDF_FOOTER = (
    '<div style="width:100%;font:8px sans-serif;color:#555;padding:0 1.5cm;display:flex;'
    'justify-content:space-between"><span class="title"></span>'
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)
#: Seconds Chromium may take to load and print a report.
PDF_TIMEOUT = 180


def chromium_path() -> Path:
    """Return the Chromium executable: ``$BILATERAL_CHROMIUM`` or Debian's /usr/bin/chromium."""
    return Path(os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM)


def chromium_missing() -> str | None:
    """Return why the browser cannot run (Playwright or Chromium missing), or None if it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    path = chromium_path()
    if not (path.is_file() and os.access(path, os.X_OK)):
        return f"Chromium not found at {path} (apt-get install chromium, or set {CHROMIUM_ENV})"
    return None


def launch(playwright):
    """Launch the system's Chromium headless with :data:`CHROMIUM_ARGS`; return the Browser."""
    return playwright.chromium.launch(
        executable_path=str(chromium_path()), args=list(CHROMIUM_ARGS), headless=True
    )


def _open_offline(browser, html: Path, **context):
    """Open ``html`` in a new page of ``browser`` with every other request refused; return it."""
    page = browser.new_page(**context)
    page.route("**/*", lambda r: r.continue_() if r.request.url == html.as_uri() else r.abort())
    page.goto(html.as_uri(), wait_until="load", timeout=PDF_TIMEOUT * 1000)
    return page


def print_pdf(html: Path, pdf: Path) -> Path:
    """Print a report to an A4 PDF with its print styles and working links; write it atomically.

    The HTML is opened offline (nothing but the file loads) with the ``print`` media type, as a
    browser prints it: the print styles of ``report.css`` apply, links stay links (web links as
    URI annotations, the contents and the source references as links inside the document), and
    the headings make the PDF's outline. Page numbers are printed at the foot.

    Raises
    ------
    BadInput
        Playwright or Chromium missing (checked first: call :func:`chromium_missing` before
        running anything expensive), or ``html`` missing.
    RunFailure
        Chromium failed to print.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    html = Path(html).resolve()
    if not html.is_file():
        raise BadInput(f"report not found: {html}; run 'bilateral report' first")
    problem = chromium_missing()
    if problem:
        raise BadInput(f"--pdf needs Chromium: {problem}")
    try:
        with sync_playwright() as p:
            browser = launch(p)
            try:
                page = _open_offline(browser, html)
                page.emulate_media(media="print")
                data = page.pdf(
                    format=PDF_FORMAT,
                    margin=PDF_MARGINS,
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=PDF_FOOTER,
                    outline=True,
                    tagged=True,
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RunFailure(f"Chromium could not print {html.name} to PDF ({first})") from None
    if not data.startswith(b"%PDF-"):
        raise RunFailure(f"Chromium returned no PDF for {html.name}")
    return write_atomic(Path(pdf), data)


def save_first_screen(html: Path, png: Path, size: tuple[int, int] = FIRST_SCREEN) -> Path:
    """Open ``html`` offline and save a PNG of its first screen (``size`` in CSS pixels)."""
    from playwright.sync_api import sync_playwright

    html = Path(html).resolve()
    if not html.is_file():
        raise BadInput(f"report not found: {html}; run 'bilateral report' first")
    problem = chromium_missing()
    if problem:
        raise RunFailure(f"cannot take the screenshot: {problem}")
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = _open_offline(browser, html, viewport={"width": size[0], "height": size[1]})
            data = page.screenshot(full_page=False)
        finally:
            browser.close()
    return write_atomic(Path(png), data)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m analysis.browser REPORT.html SCREENSHOT.png [WIDTH HEIGHT]``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 4):
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    size = (int(args[2]), int(args[3])) if len(args) == 4 else FIRST_SCREEN
    try:
        print(save_first_screen(Path(args[0]), Path(args[1]), size))
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RunFailure as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
