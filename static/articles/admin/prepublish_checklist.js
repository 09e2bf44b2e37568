// The pre-publish checklist (_checklist.html) follows the fields it checks as the editor fills
// them in; the server checks again when the article is published (articles/checklist.py).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const list = document.getElementById("prepublish-checklist");
  if (!list) return;
  const form = list.closest("form");
  const filled = (name) => Boolean(form.elements[name]?.value?.trim());
  const live = {
    standfirst: () => filled("standfirst"),
    primary_championship: () => filled("primary_championship"),
    hero_image: () => filled("hero_image"),
    date: (item) => item.classList.contains("is-ok") || filled("published_at_0"),
  };
  function update() {
    for (const [code, isOk] of Object.entries(live)) {
      const item = list.querySelector(`[data-check="${code}"]`);
      if (!item) continue;
      const ok = isOk(item);
      const blocking = code === "date";
      item.classList.toggle("is-ok", ok);
      item.classList.toggle("is-advice", !ok && !blocking);
      item.classList.toggle("is-blocking", !ok && blocking);
      const state = item.querySelector(".prepublish__state");
      state.textContent = ok ? state.dataset.stateOk : state.dataset.stateTodo;
    }
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
});
