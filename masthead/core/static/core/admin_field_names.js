// Two of Wagtail's fields type into an element of their own, which then has no name for a screen reader (axe:
// "Form elements must have labels", "ARIA input fields must have an accessible name"): the tag field (jQuery
// tag-it) hides the input its label names, and a rich text field outside a StreamField (Draftail) hides its
// input behind an editable box. This names each by the field's label and describes it by the field's help.
// Our own few lines because the widgets are Wagtail's; drop them once Wagtail names these itself.
(function () {
  "use strict";

  var TYPED = [
    ['input[data-controller~="w-tag"]', ".tagit input.ui-autocomplete-input"],
    ["input[data-draftail-input]", '.public-DraftEditor-content[role="textbox"]'],
  ];

  function name(original, typed) {
    if (!typed || typed.hasAttribute("aria-labelledby") || typed.hasAttribute("aria-label")) return;
    var label =
      document.getElementById(original.id + "-label") || document.querySelector('label[for="' + original.id + '"]');
    if (label) {
      if (!label.id) label.id = original.id + "-label";
      typed.setAttribute("aria-labelledby", label.id);
    }
    var help = original.getAttribute("aria-describedby");
    if (help) {
      var own = typed.getAttribute("aria-describedby");
      typed.setAttribute("aria-describedby", own ? own + " " + help : help);
    }
  }

  function nameAll() {
    TYPED.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (original) {
        if (original.id) name(original, original.parentNode && original.parentNode.querySelector(pair[1]));
      });
    });
  }

  // The widgets build their elements when Wagtail's scripts run, before or after this, and an inline form added
  // later may bring another field.
  new MutationObserver(nameAll).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameAll);
  nameAll();
})();
