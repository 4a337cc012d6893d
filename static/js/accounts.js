// iamconsole: behaviours of the user, group and account pages (no third-party code).
// Everything works without this script; it only hides what does not apply and asks to confirm.
(function () {
  "use strict";
  if (window.iamAccounts) return;
  window.iamAccounts = true;

  function checkedValue(form, name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  }

  // Sections shown only while a checkbox is ticked (data-toggled-by) or a radio has a value
  // (data-shown-when="name=value").
  function refresh(root) {
    root.querySelectorAll("[data-toggled-by]").forEach(function (section) {
      var box = document.getElementById(section.getAttribute("data-toggled-by"));
      if (box) section.hidden = !box.checked;
    });
    root.querySelectorAll("[data-shown-when]").forEach(function (section) {
      var rule = section.getAttribute("data-shown-when").split("=");
      var form = section.closest("form") || document;
      var value = checkedValue(form, rule[0]);
      if (value !== null) section.hidden = value !== rule[1];
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-check-all]")) {
      var name = target.getAttribute("data-check-all");
      var scope = target.closest("form") || document;
      scope.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
        box.checked = target.checked;
      });
    }
    if (target.matches("input[type=checkbox], input[type=radio]")) refresh(document);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  document.addEventListener("DOMContentLoaded", function () { refresh(document); });
  document.addEventListener("htmx:load", function () { refresh(document); });
  if (document.readyState !== "loading") refresh(document);
})();
