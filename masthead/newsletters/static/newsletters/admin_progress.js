// Live progress of an edition being sent: asks the progress endpoint every two seconds until it is sent,
// then shows the link to the send report. Without JavaScript the page shows the counts as they were.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || box.getAttribute("data-state") === "sent") return;
  var bar = box.querySelector("progress");
  function update() {
    fetch(box.getAttribute("data-progress-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (counts) {
        Object.keys(counts).forEach(function (name) {
          var cell = box.querySelector('[data-count="' + name + '"]');
          if (cell) cell.textContent = counts[name];
        });
        bar.max = counts.total || 1;
        bar.value = counts.done;
        box.setAttribute("data-state", counts.state);
        if (counts.state === "sent") {
          box.querySelector(".nl-progress__report").hidden = false;
        } else {
          window.setTimeout(update, 2000);
        }
      })
      .catch(function () { window.setTimeout(update, 5000); });
  }
  window.setTimeout(update, 1000);
})();
