// Wagtail's tag field (jQuery tag-it) hides the input its label names and types into one it makes itself, which
// then has no name for a screen reader (axe: "Form elements must have labels"). This gives that input the field's
// label and help text. Our own few lines because the widget is Wagtail's (its tag-it is due to be replaced
// upstream); drop this file when it is.
(function () {
  "use strict";

  function nameTypedInput(original) {
    var typed = original.parentNode && original.parentNode.querySelector(".tagit input.ui-autocomplete-input");
    if (!typed || typed.hasAttribute("aria-labelledby")) return;
    var label = document.getElementById(original.id + "-label") || document.querySelector('label[for="' + original.id + '"]');
    if (label) {
      if (!label.id) label.id = original.id + "-label";
      typed.setAttribute("aria-labelledby", label.id);
    }
    var help = original.getAttribute("aria-describedby");
    if (help) typed.setAttribute("aria-describedby", help);
  }

  function nameAll() {
    document.querySelectorAll('input[data-controller~="w-tag"]').forEach(nameTypedInput);
  }

  // tag-it builds its input when Wagtail's controller connects, before or after this runs, and an inline form
  // added later may bring another tag field.
  new MutationObserver(nameAll).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameAll);
  nameAll();
})();
