"""The script's lesson time (timecode.js) is the server's (core.timecode), value for value."""

from pathlib import Path

import pytest

from videoklub.core.timecode import timecode

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "videoklub" / "static" / "videoklub" / "timecode.js"
MOMENTS = [0, 0.05, 2.3, 2.6, 2.9999999, 59.99, 60, 83.4, 599.95, 3599.9, 3600, 3723.5, 36000.25]


def test_the_script_writes_lesson_time_as_the_server_does(browser):
    page = browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><title>t</title>")
        page.add_script_tag(content=SCRIPT.read_text())
        for tenths in (False, True):
            written = page.evaluate(
                "([moments, tenths]) => moments.map((t) => window.videoklubTimecode(t, tenths))",
                [MOMENTS, tenths],
            )
            assert written == [timecode(t, tenths=tenths) for t in MOMENTS]
    finally:
        page.close()
