// django-prose-editor writes its toolbar's tooltips and menu items in English (no gettext):
// each editor's textarea carries the French ones (data-toolbar-labels, articles/admin/editor.py)
// and this puts them on the buttons and menu items as the editor draws them.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const textarea of document.querySelectorAll("textarea[data-toolbar-labels]")) {
    const labels = JSON.parse(textarea.dataset.toolbarLabels);
    const root = textarea.closest(".prose-editor") || textarea.parentElement;
    const relabel = (element) => {
      // Never inside the text being written: a paragraph saying "Yes" stays so.
      if (element.closest?.(".ProseMirror")) return;
      for (const name of ["title", "aria-label"]) {
        const value = element.getAttribute?.(name);
        // Only when it changes: the same word in both languages ("Code") would loop forever.
        if (value && labels[value] && labels[value] !== value) element.setAttribute(name, labels[value]);
      }
      // Menu items and dialog choices written as text ("Heading 2", "Yes").
      const text = element.childElementCount === 0 ? element.textContent?.trim() : "";
      if (text && labels[text] && labels[text] !== text) element.textContent = labels[text];
    };
    const walk = (node) => {
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      relabel(node);
      node.querySelectorAll("*").forEach(relabel);
    };
    walk(root);
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "attributes") relabel(change.target);
        change.addedNodes.forEach(walk);
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["title", "aria-label"] });
    // Dialogs (table properties) open outside the editor, at the end of the page.
    new MutationObserver((changes) => {
      for (const change of changes) change.addedNodes.forEach((node) => node.closest?.("dialog") && walk(node));
    }).observe(document.body, { childList: true });
  }
});
