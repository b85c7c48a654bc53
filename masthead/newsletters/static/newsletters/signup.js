// Newsletter sign-up without a page load: the answer appears in place and
// focus moves to it. Without JavaScript the same forms post and redirect.
(function () {
  "use strict";

  function setError(form, name, message) {
    var holder = form.querySelector('[data-error-for="' + name + '"]');
    var input = form.querySelector('[name="' + name + '"]');
    if (holder) holder.textContent = message || "";
    if (input && input.type !== "checkbox") {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    return message ? input : null;
  }

  function answerFor(form) {
    return document.getElementById(form.getAttribute("data-answer"));
  }

  function show(form, data) {
    var answer = answerFor(form);
    ["email", "newsletters"].forEach(function (name) { setError(form, name, ""); });
    if (data.ok) {
      form.hidden = true;
      answer.textContent = data.message;
      answer.focus();
      return;
    }
    if (data.errors) {
      Object.keys(data.errors).forEach(function (name) {
        setError(form, name, data.errors[name]);
      });
      // The first field with a mistake on the page, not in the answer's order. When the reader pressed Enter in
      // it, the focus does not move and nothing is said: the error's own live region reads it out.
      var first = Array.prototype.find.call(form.elements, function (field) {
        return field.type !== "hidden" && Object.prototype.hasOwnProperty.call(data.errors, field.name);
      });
      (first || form.querySelector("input:not([type=hidden])")).focus();
      return;
    }
    answer.textContent = data.message || "";
    answer.focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-newsletter-form]") || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "omit"
    })
      .then(function (response) { return response.json(); })
      .then(function (data) { show(form, data); })
      .catch(function () { HTMLFormElement.prototype.submit.call(form); })
      .then(function () { if (button) button.disabled = false; });
  });
})();
