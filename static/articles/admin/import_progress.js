// Drives an admin upload: asks the server for the next chunk until the preview or the import is
// done, then reloads to show the result. Without JavaScript, the page offers a button per step.
"use strict";
document.addEventListener("DOMContentLoaded", async () => {
  const box = document.getElementById("import-progress");
  if (!box) return;
  const bar = box.querySelector("progress");
  const status = box.querySelector("[data-status]");
  const token = box.querySelector("input[name=csrfmiddlewaretoken]").value;
  for (;;) {
    let data;
    try {
      const response = await fetch(box.dataset.stepUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      data = await response.json();
    } catch (error) {
      status.textContent = `${error.message} — reload the page to resume where it stopped.`;
      return;
    }
    bar.max = data.total;
    bar.value = data.processed;
    status.textContent = `${data.state_label}: ${data.processed} / ${data.total}`;
    if (!data.running) {
      window.location.reload();
      return;
    }
  }
});
