// Follows an import run: updates the progress bar every two seconds, reloads once it has finished or stalled.
(function () {
  var section = document.querySelector(".import-run");
  if (!section || section.dataset.finished === "true") return;
  var bar = section.querySelector("progress");
  var count = section.querySelector("[data-import-count]");
  var state = section.querySelector("[data-import-state]");
  var refresh = section.querySelector("[data-import-refresh]");
  if (refresh) refresh.hidden = true;
  function poll() {
    fetch(section.dataset.progressUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.max = data.total || 1;
        bar.value = data.done;
        count.textContent = data.done + " / " + data.total;
        state.textContent = data.label;
        // Finished, or stalled since the page was shown (the page then offers to start it again).
        if (data.state === "done" || data.state === "failed" || (data.stalled && section.dataset.stalled !== "true")) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { if (refresh) refresh.hidden = false; });
  }
  window.setTimeout(poll, 1000);
})();
