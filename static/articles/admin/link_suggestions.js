// Links suggested from the text (articles/admin/link_suggestions.py): while the writer types,
// or on demand, the registry names found in title, standfirst and body are offered as chips.
// Adding one selects it in its autocomplete field; dismissing one records it in the form's
// dismissed_links field, saved with the article. Without this script the form is plain admin.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("link-suggestions");
  if (!panel || !panel.dataset.url) return;
  const form = panel.closest("form");
  const msg = panel.dataset;
  const kinds = JSON.parse(msg.kinds);
  const chips = panel.querySelector("[data-chips]");
  const acceptAll = panel.querySelector("[data-accept-all]");
  const status = panel.querySelector("[data-status]");
  const unknown = panel.querySelector("[data-unknown]");
  const dismissedInput = form.querySelector("[name=dismissed_links]");
  const TEXT_FIELDS = ["title", "standfirst", "body"];
  const WAIT = 1200; // ms after the last keystroke
  let current = [];
  let timer = null;
  let lastSent = null;
  let inFlight = null;

  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

  // Shown right under the body, where the writer is looking.
  panel.hidden = false;
  const bodyRow = form.querySelector(".form-row.field-body, .field-body");
  if (bodyRow) bodyRow.after(panel);

  function csrfToken() {
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    if (cookie) return decodeURIComponent(cookie.slice("csrftoken=".length));
    return form.querySelector("[name=csrfmiddlewaretoken]")?.value ?? "";
  }

  function dismissed() {
    return dismissedInput.value.split(",").filter(Boolean);
  }

  function request() {
    const data = new FormData();
    for (const name of TEXT_FIELDS) data.append(name, form.elements[name]?.value ?? "");
    // The publication day dates the events the text names (its year's "Rallye du Portugal").
    data.append("published_at_0", form.elements.published_at_0?.value ?? "");
    for (const name of Object.keys(kinds)) {
      const select = form.elements[name];
      if (!select) continue;
      for (const option of select.selectedOptions ?? []) data.append(name, option.value);
    }
    data.append("dismissed_links", dismissedInput.value);
    return data;
  }

  async function refresh(force = false) {
    const data = request();
    const signature = JSON.stringify([...data.entries()]);
    if (!force && signature === lastSent) return;
    lastSent = signature;
    inFlight?.abort();
    inFlight = new AbortController();
    status.textContent = msg.msgReading;
    let response;
    try {
      response = await fetch(msg.url, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
        signal: inFlight.signal,
      });
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = msg.msgFailed;
      return;
    }
    if (!response.ok) {
      status.textContent = msg.msgFailed;
      lastSent = null;
      return;
    }
    show(await response.json());
  }

  // An answer that left while the writer was adding links may list some of them again.
  function isLinked(suggestion) {
    const field = form.elements[suggestion.field];
    const value = String(suggestion.pk);
    return Array.from(field?.selectedOptions ?? []).some((o) => o.value === value);
  }

  function show(answer) {
    const found = [...(answer.primary ? [answer.primary] : []), ...answer.links];
    const gone = new Set(dismissed());
    current = found.filter((s) => !isLinked(s) && !gone.has(s.key));
    chips.replaceChildren(...current.map(chip));
    acceptAll.hidden = current.length < 2;
    status.textContent = current.length ? "" : msg.msgNone;
    unknown.hidden = !answer.unknown_names.length;
    unknown.textContent = fill(msg.msgUnknown, { names: answer.unknown_names.join(", ") });
  }

  function chip(suggestion) {
    const item = document.createElement("li");
    item.className = "link-suggestions__chip";
    item.dataset.key = suggestion.key;
    const add = document.createElement("button");
    add.type = "button";
    add.className = "link-suggestions__add";
    add.dataset.accept = suggestion.key;
    add.setAttribute("aria-label", fill(msg.msgAccept, { name: suggestion.name }));
    const kind = document.createElement("span");
    kind.className = "link-suggestions__kind";
    kind.textContent = kinds[suggestion.field];
    add.append(kind, " ", suggestion.name);
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "link-suggestions__dismiss";
    dismiss.dataset.dismiss = suggestion.key;
    dismiss.setAttribute("aria-label", fill(msg.msgDismiss, { name: suggestion.name }));
    dismiss.title = dismiss.getAttribute("aria-label");
    dismiss.textContent = "×";
    item.append(add, dismiss);
    return item;
  }

  // Selecting in an autocomplete field: its <select> gets the option, select2 shows it on
  // "change" (jQuery listens to native events too).
  function select(suggestion) {
    const field = form.elements[suggestion.field];
    if (!field) return false;
    const value = String(suggestion.pk);
    let option = Array.from(field.options).find((o) => o.value === value);
    if (!option) {
      option = new Option(suggestion.name, value, true, true);
      field.append(option);
    }
    option.selected = true;
    field.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  function accept(suggestions) {
    const added = suggestions.filter(select);
    const keys = new Set(added.map((s) => s.key));
    current = current.filter((s) => !keys.has(s.key));
    chips.replaceChildren(...current.map(chip));
    acceptAll.hidden = current.length < 2;
    lastSent = null;
    return added;
  }

  panel.addEventListener("click", (event) => {
    const addKey = event.target.closest("[data-accept]")?.dataset.accept;
    const dismissKey = event.target.closest("[data-dismiss]")?.dataset.dismiss;
    if (addKey) {
      const [added] = accept(current.filter((s) => s.key === addKey));
      if (added) status.textContent = fill(msg.msgAccepted, { name: added.name });
    } else if (dismissKey) {
      const gone = current.find((s) => s.key === dismissKey);
      if (!gone) return;
      dismissedInput.value = [...new Set([...dismissed(), dismissKey])].join(",");
      current = current.filter((s) => s.key !== dismissKey);
      chips.replaceChildren(...current.map(chip));
      acceptAll.hidden = current.length < 2;
      status.textContent = fill(msg.msgDismissed, { name: gone.name });
      lastSent = null;
    } else if (event.target.closest("[data-accept-all]")) {
      const added = accept([...current]);
      status.textContent = fill(msg.msgAcceptedAll, { count: added.length });
    } else if (event.target.closest("[data-refresh]")) {
      refresh(true);
    }
  });

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, WAIT);
  };
  // The body editor writes its hidden textarea without an event of its own: typing in it
  // bubbles "input" from the editing area, and a slow poll catches the rest.
  form.addEventListener("input", (event) => {
    if (!panel.contains(event.target)) schedule();
  });
  setInterval(refresh, 5000);
  // At once: the form's fields hold the saved text already (the load event can be slow).
  setTimeout(refresh, 300);
});
