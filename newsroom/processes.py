"""Servers Paddock starts beside itself (nginx, Varnish, gunicorn) for its tests and benches."""

import subprocess
import time
import urllib.error
import urllib.request


def answering(url: str, process: subprocess.Popen, *, seconds: float = 10) -> bool:
    """Waits until the server `process` answers `url` (any answer, even an error, means it
    listens); False when it exits or keeps silent for `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            if process.poll() is not None:
                return False
            time.sleep(0.1)
    return False
