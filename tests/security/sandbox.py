"""Debian's Chromium showing what the site answered, with a hook on everything a script could do.

Pages are rendered by Django's test client first, then handed to the browser by a small server
of the sandbox's own on 127.0.0.1: the browser sees the body the site answered but not its
Content-Security-Policy header, so a clean sweep proves the escaping and the sanitiser, not the
CSP that would otherwise stop a script. The server also serves the project's static files (so the
admin's scripts run, as they do for an editor) and nothing else. Every other address goes to a
proxy that does not exist: nothing leaves the machine (some payloads load remote scripts).

A script ran when a dialog opened (alert, confirm, prompt) or print() was called, after load and
after the events inline handlers listen to were fired on every element. The page is also
searched for what injected markup leaves behind even when it did not run yet: a script that is
not ours, a frame or plugin, an on… attribute, a javascript: or vbscript: address.
"""

import mimetypes
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.contrib.staticfiles import finders

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # Loopback is never proxied: every other address fails at once.
    "--proxy-server=http://127.0.0.1:9",
]

HOOK = "window.__ran = 0; window.print = () => { window.__ran += 1; };"

# Inline handlers run on synthetic events: fire the ones payloads use on every element that has
# one, hover and focus everything (the page's own scripts could build a tooltip from a value),
# let the events queued meanwhile run, then report what ran and what was left behind.
INSPECT = """async () => {
  const fire = (element, kinds) => {
    for (const kind of kinds) {
      try { element.dispatchEvent(new Event(kind, {bubbles: true})); } catch (error) {}
    }
  };
  const everyKind = ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'focus', 'focusin',
                     'blur', 'animationstart', 'animationend', 'transitionend', 'toggle', 'load',
                     'error'];
  for (const element of document.querySelectorAll('body *')) {
    const inline = Array.from(element.attributes).some((a) => a.name.startsWith('on'));
    fire(element, inline ? everyKind : ['mouseover', 'focus']);
  }
  await new Promise((done) => setTimeout(done, 0));

  const found = [];
  const ourImportMap = (el) => {
    try {
      const map = JSON.parse(el.textContent);
      return el.parentElement === document.head
        && Object.values(map.imports || {}).every((url) => url.startsWith('/static/'));
    } catch (error) { return false; }
  };
  const ourScript = (el) => el.hasAttribute('nonce')
      || /^\\/(static|admin\\/jsi18n)\\//.test(el.getAttribute('src') || '')
      || ['application/ld+json', 'application/json'].includes(el.getAttribute('type'))
      || (el.getAttribute('type') === 'importmap' && ourImportMap(el));
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc',
                         'poster', 'background'];
  for (const el of document.querySelectorAll('*')) {
    const name = el.localName;
    if (name === 'script' && !ourScript(el)) {
      found.push('<script ' + (el.getAttribute('src') || el.textContent.slice(0, 40)) + '>');
    }
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base'].includes(name)) {
      found.push('<' + name + '>');
    }
    for (const attribute of el.attributes) {
      const attr = attribute.name.toLowerCase();
      if (attr.startsWith('on')) found.push(attr + '=');
      if (!urlAttributes.includes(attr)) continue;
      let scheme = '';
      try { scheme = new URL(attribute.value, document.baseURI).protocol; } catch (error) {}
      if (scheme === 'javascript:' || scheme === 'vbscript:') found.push(attr + '=' + scheme);
      const image = /^\\s*data:image\\//i.test(attribute.value);
      if (scheme === 'data:' && !image) found.push(attr + '=data:');
    }
  }
  return [window.__ran || 0, found];
}"""


@dataclass
class Finding:
    surface: str
    url: str
    ran: int
    leftovers: list[str] = field(default_factory=list)


class Answers(BaseHTTPRequestHandler):
    """The page under test at its own address, the static files, and 404 for anything else."""

    def do_GET(self):
        page = self.server.pages.get(self.path)
        if page is not None:
            return self.send(*page, "no-store")
        if self.path.startswith("/static/"):
            found = finders.find(self.path.split("?")[0].removeprefix("/static/"))
            if found:
                content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return self.send(Path(found).read_bytes(), content_type, "max-age=86400")
        self.send(b"", "text/plain", "no-store", status=404)

    def do_POST(self):
        self.send(b"", "text/plain", "no-store", status=404)

    def send(self, body: bytes, content_type: str, cache: str, status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser drops requests of a page it leaves: nothing to report


class Sandbox:
    """One Chromium page; `show(surface, url, body, content_type)` queues a body to be loaded as
    if the site had served it at `url`, and returns a future: a Finding when anything ran or was
    left behind, else None. The browser works through the queue while the test renders the
    next pages."""

    def __init__(self):
        self._server = QuietServer(("127.0.0.1", 0), Answers)
        self._server.pages = {}
        self._serving = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._serving.start()
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.loads = 0
        # Playwright's sync API keeps an event loop running in the thread that drives it, and
        # Django hands such a thread a connection of its own: the browser gets a thread of its
        # own, so the test's ORM calls stay in the test's transaction.
        self._thread = ThreadPoolExecutor(max_workers=1)
        self._thread.submit(self._start).result()

    def _start(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        self._context = self._browser.new_context(java_script_enabled=True)
        self._context.add_init_script(HOOK)
        self._open_page()

    def _open_page(self):
        self._page = self._context.new_page()
        self._page.set_default_timeout(10_000)
        self._dialogs = []
        self._page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self._dialogs.append(dialog.type)
        dialog.dismiss()

    def show(self, surface: str, url: str, body: bytes | str, content_type: str):
        if isinstance(body, str):
            body = body.encode()
        if url in self._server.pages:
            raise ValueError(f"{url} is already waiting to be shown")
        self._server.pages[url] = (body, content_type)
        return self._thread.submit(self._show, surface, url)

    def _show(self, surface, url):
        self._dialogs.clear()
        self.loads += 1
        try:
            self._page.goto(self.origin + url, wait_until="load")
            ran, leftovers = self._page.evaluate(INSPECT)
            ran += len(self._dialogs)
        except Exception as error:  # noqa: BLE001  a payload that navigates away or hangs the page
            ran, leftovers = len(self._dialogs), [f"page error: {type(error).__name__}"]
            self._page.close()
            self._open_page()
        del self._server.pages[url]
        if ran or leftovers:
            return Finding(surface, url, ran, sorted(set(leftovers)))
        return None

    def close(self):
        self._thread.submit(self._stop).result()
        self._thread.shutdown()
        self._server.shutdown()
        self._server.server_close()

    def _stop(self):
        self._browser.close()
        self._playwright.stop()
