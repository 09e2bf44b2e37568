// Tag input helper: suggests existing tags for the word being typed in a comma-separated list,
// and adds a frequent tag when its chip is clicked. Works without it: the input stays plain text.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-tag-suggestions]")) {
    const list = document.getElementById(input.dataset.tagSuggestions);
    const names = Array.from(list.options, (option) => option.value);
    input.setAttribute("list", list.id);
    const current = () => input.value.split(",").map((t) => t.trim()).filter(Boolean);

    input.addEventListener("input", () => {
      // A datalist matches the whole value, so offer "already typed, suggestion" options.
      const parts = input.value.split(",");
      const typed = parts.pop().trim().toLowerCase();
      const prefix = parts.length ? parts.map((t) => t.trim()).join(", ") + ", " : "";
      const chosen = new Set(current().map((t) => t.toLowerCase()));
      list.replaceChildren(
        ...names
          .filter((n) => !chosen.has(n.toLowerCase()) && n.toLowerCase().startsWith(typed))
          .slice(0, 20)
          .map((n) => new Option(prefix + n)),
      );
    });

    const chips = document.querySelector(`.tag-suggestions[data-for="${input.id}"]`);
    chips?.addEventListener("click", (event) => {
      const tag = event.target.closest("button[data-tag]")?.dataset.tag;
      if (!tag) return;
      const tags = current();
      if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
      input.value = tags.join(", ");
      input.focus();
    });
  }
});
