// The article form's safety net (articles/admin/editing.py): autosave to the server, a copy in
// this browser when the server cannot be reached, who else has the article open, preview links.
// Without it the form works as plain Django admin.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("article-editing");
  if (!root) return;
  const form = root.closest("form");
  const msg = root.dataset;

  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  const hourMinute = (date) =>
    date.toLocaleTimeString(document.documentElement.lang || undefined, {
      hour: "2-digit",
      minute: "2-digit",
    });

  function csrfToken() {
    // The cookie, not the form's token: logging in again in another tab rotates it.
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    if (cookie) return decodeURIComponent(cookie.slice("csrftoken=".length));
    return form.querySelector("[name=csrfmiddlewaretoken]")?.value ?? "";
  }

  // What a POST came to: {ok, json} | {expired} | {refused, message} | {offline}.
  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
        credentials: "same-origin",
        // The admin sends people whose session ended to its login page.
        redirect: "manual",
      });
    } catch {
      return { offline: true };
    }
    if (response.type === "opaqueredirect") return { expired: true };
    const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
    if (response.ok) return { ok: true, json: isJson ? await response.json() : {} };
    if (response.status === 403 && isJson) {
      return { refused: true, message: (await response.json()).error };
    }
    // A CSRF failure page means the session changed under this page.
    if (response.status === 403) return { expired: true };
    return { offline: true };
  }

  setUpAutosave();
  setUpPresence();
  setUpPreview();

  // Autosave ------------------------------------------------------------------------------

  function setUpAutosave() {
    const url = msg.autosaveUrl;
    if (!url || !form) return;
    // The fields an autosave keeps, as the server lists them (articles/admin/editing.py).
    const FIELDS = new Set(JSON.parse(msg.autosaveFields || "[]"));
    const WAIT = 2000;
    const key = msg.storageKey;
    const SENT = "paddock:autosave:sent";
    const status = root.querySelector("[data-autosave-status]");
    const offer = root.querySelector("[data-copy-offer]");
    let lastSaved = null;
    let lastSeen = null;
    let timer = null;
    let sending = false;
    let failed = false;
    let submitting = false;

    function entries() {
      const data = new FormData(form);
      // filter_horizontal sends its chosen box only on submit: read the whole box.
      for (const select of form.querySelectorAll("select.filtered[multiple]")) {
        if (!select.id.endsWith("_to")) continue;
        data.delete(select.name);
        for (const option of select.options) data.append(select.name, option.value);
      }
      return [...data.entries()].filter(
        ([name, value]) => FIELDS.has(name) && typeof value === "string",
      );
    }
    const serialise = () => JSON.stringify(entries());
    const asFormData = (list) => {
      const data = new FormData();
      for (const [name, value] of list) data.append(name, value);
      return data;
    };

    function readCopy() {
      try {
        return JSON.parse(localStorage.getItem(key));
      } catch {
        return null;
      }
    }
    function keepCopy(list, sent = false) {
      try {
        localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), entries: list, sent }));
      } catch {
        // Storage full or disabled: the server autosave is all there is.
      }
    }
    const dropCopy = (storageKey = key) => localStorage.removeItem(storageKey);

    function say(text) {
      status.textContent = text;
    }

    async function save() {
      timer = null;
      if (submitting) return;
      const list = entries();
      const text = JSON.stringify(list);
      if (text === lastSaved) return;
      if (sending) {
        timer = setTimeout(save, WAIT);
        return;
      }
      sending = true;
      const outcome = await post(url, asFormData(list));
      sending = false;
      if (submitting) return;
      failed = !outcome.ok;
      if (outcome.ok) {
        lastSaved = text;
        dropCopy();
        say(fill(msg.msgSaved, { time: hourMinute(new Date(outcome.json.saved_at)) }));
        return;
      }
      keepCopy(list);
      if (outcome.expired) say(msg.msgExpired);
      else if (outcome.refused) say(outcome.message || msg.msgRefused);
      else {
        say(msg.msgOffline);
        timer = setTimeout(save, 30000);
      }
    }

    function changed() {
      const text = serialise();
      if (lastSeen === null || text === lastSeen) return;
      lastSeen = text;
      clearTimeout(timer);
      timer = setTimeout(save, WAIT);
    }

    // The body editor writes a hidden textarea, and autocomplete widgets change selects
    // without native events: a poll catches what the listeners miss.
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    setInterval(changed, WAIT);
    // The editor settles the initial HTML after load; what it shows then is the baseline.
    window.addEventListener("load", () =>
      setTimeout(() => {
        lastSaved = lastSeen = serialise();
        offerCopy();
      }, 500),
    );
    document.addEventListener("visibilitychange", () => {
      // Back from logging in again in another tab: try at once.
      if (document.visibilityState === "visible" && failed) save();
    });

    form.addEventListener("submit", () => {
      submitting = true;
      clearTimeout(timer);
      // If the session ended, the admin answers with its login page and drops the POST.
      keepCopy(entries(), true);
      sessionStorage.setItem(SENT, key);
    });
    window.addEventListener("pagehide", () => {
      if (submitting || lastSaved === null || serialise() === lastSaved) return;
      keepCopy(entries());
      const data = asFormData(entries());
      data.append("csrfmiddlewaretoken", csrfToken());
      navigator.sendBeacon(url, data);
    });

    const sent = sessionStorage.getItem(SENT);
    if (sent) {
      sessionStorage.removeItem(SENT);
      if (document.querySelector(".messagelist .success")) dropCopy(sent);
    }
    root.querySelector("[data-dismiss]")?.addEventListener("click", (event) => {
      event.target.closest("[data-notice]").remove();
    });

    function offerCopy() {
      const copy = readCopy();
      if (!copy || !Array.isArray(copy.entries)) return;
      const newest = Math.max(Date.parse(msg.savedAt) || 0, Date.parse(msg.pendingAt) || 0);
      if (copy.savedAt <= newest || JSON.stringify(copy.entries) === lastSaved) {
        dropCopy();
        return;
      }
      const time = hourMinute(new Date(copy.savedAt));
      const text = document.createElement("p");
      text.className = "article-editing__notice";
      text.textContent = fill(copy.sent ? msg.msgCopySent : msg.msgCopyFound, { time }) + " ";
      const restore = button(msg.msgRestore, () => restoreCopy(copy));
      const dismiss = button(msg.msgDismiss, () => {
        dropCopy();
        offer.replaceChildren();
      });
      text.append(restore, " ", dismiss);
      offer.replaceChildren(text);
    }

    // Through the server when it answers, so the editor and the link widgets load it as they
    // load any autosave; in place otherwise.
    async function restoreCopy(copy) {
      const outcome = await post(url, asFormData(copy.entries));
      if (outcome.ok && outcome.json.revision) {
        dropCopy();
        window.location.search = `?autosave=${outcome.json.revision}`;
        return;
      }
      if (outcome.ok) {
        dropCopy();
        offer.replaceChildren(paragraph(msg.msgSame));
        return;
      }
      fillForm(copy.entries);
      offer.replaceChildren(paragraph(msg.msgRestoredHere));
    }

    function fillForm(list) {
      const values = new Map();
      for (const [name, value] of list) values.set(name, [...(values.get(name) || []), value]);
      for (const [name, wanted] of values) {
        const field = form.elements.namedItem(name);
        if (field instanceof HTMLSelectElement) {
          for (const option of field.options) option.selected = wanted.includes(option.value);
        } else if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
          field.value = wanted[0];
        }
      }
    }
  }

  function button(label, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }
  function paragraph(text) {
    const element = document.createElement("p");
    element.className = "article-editing__notice";
    element.textContent = text;
    return element;
  }

  // Presence ------------------------------------------------------------------------------

  function setUpPresence() {
    const url = msg.presenceUrl;
    if (!url) return;
    const box = root.querySelector("[data-presence]");
    let shown = "";

    function show(others) {
      const names = others.map((other) => other.name).join(", ");
      if (names === shown) return; // a live region re-reads whatever is written into it
      shown = names;
      if (!names) {
        box.replaceChildren();
        return;
      }
      const warning = paragraph(fill(msg.msgOthers, { names }));
      warning.className = "article-editing__others";
      box.replaceChildren(warning);
    }

    async function ping() {
      if (document.visibilityState !== "visible") return;
      const outcome = await post(url, new FormData());
      if (outcome.ok) show(outcome.json.others || []);
    }

    ping();
    setInterval(ping, 15000);
    document.addEventListener("visibilitychange", ping);
    window.addEventListener("pageshow", (event) => event.persisted && ping());
    window.addEventListener("pagehide", () => {
      if (!msg.presenceLeaveUrl) return;
      // A beacon cannot set headers: the CSRF token travels in the body.
      const data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken());
      navigator.sendBeacon(msg.presenceLeaveUrl, data);
    });
  }

  // Preview links -------------------------------------------------------------------------

  function setUpPreview() {
    const url = msg.previewLinkUrl;
    const trigger = root.querySelector("[data-preview-button]");
    if (!url || !trigger) return;
    const result = root.querySelector("[data-preview-result]");
    const input = root.querySelector("[data-preview-url]");
    const status = root.querySelector("[data-preview-status]");

    trigger.addEventListener("click", async () => {
      trigger.disabled = true;
      const outcome = await post(url, new FormData());
      trigger.disabled = false;
      if (!outcome.ok) {
        status.textContent = outcome.expired ? msg.msgExpired : outcome.message || msg.msgPreviewFailed;
        return;
      }
      const expires = new Date(outcome.json.expires).toLocaleString(
        document.documentElement.lang || undefined,
        { dateStyle: "long", timeStyle: "short" },
      );
      input.value = outcome.json.url;
      result.hidden = false;
      status.textContent = fill(msg.msgPreviewUntil, { date: expires });
      input.focus();
      input.select();
    });

    root.querySelector("[data-preview-copy]").addEventListener("click", async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        document.execCommand("copy"); // older browsers and pages not served over HTTPS
      }
      status.textContent = msg.msgCopied;
    });
  }
});
