// Lexicon editor: "Play a sample" speaks the entry as it stands in the form (not yet saved)
// and shows the phonemes the voice would use without it. Without JavaScript the button stays hidden.
(function () {
  "use strict";

  function field(form, name) {
    var input = form.querySelector('[name="' + name + '"]');
    if (!input) return "";
    return input.type === "checkbox" ? (input.checked ? "on" : "") : input.value;
  }

  function setUp(box) {
    var form = box.closest("form");
    var button = box.querySelector("[data-narration-sample-play]");
    var status = box.querySelector("[data-narration-sample-status]");
    var audio = box.querySelector("[data-narration-sample-audio]");
    if (!form || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var body = new FormData();
      ["term", "spoken", "phonemes", "match_case", "csrfmiddlewaretoken"].forEach(function (name) {
        body.append(name, field(form, name));
      });
      status.textContent = button.dataset.working || "…";
      fetch(box.dataset.narrationSample, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          var plain = response.headers.get("X-Voice-Phonemes");
          if (!response.ok) {
            return response.text().then(function (message) { throw new Error(message); });
          }
          return response.blob().then(function (blob) {
            audio.src = URL.createObjectURL(blob);
            audio.hidden = false;
            audio.play().catch(function () {});
            status.textContent = plain ? box.dataset.withoutLabel.replace("%s", decodeURIComponent(plain)) : "";
          });
        })
        .catch(function (error) {
          status.textContent = error.message;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-narration-sample]").forEach(setUp);
  });
})();
