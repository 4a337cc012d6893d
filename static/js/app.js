// iamconsole: small behaviours shared by every page (no third-party code).
(function () {
  "use strict";
  // Copy buttons: <button data-copy="text"> copies its text to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    event.preventDefault();
    navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });
})();

// Typed-name confirmation: the delete button enables once the name is typed exactly.
document.addEventListener("input", function (event) {
  var field = event.target.closest("[data-confirm-name]");
  if (!field) return;
  var button = field.form.querySelector("[data-confirm-submit]");
  if (button) button.disabled = field.value !== field.getAttribute("data-confirm-name");
});

// Bulk actions: a button with data-bulk-action="<checkbox name>" is enabled while a row of its
// form is ticked, as in AWS's console. Without this script it stays enabled and the server asks
// to select rows first.
(function () {
  "use strict";
  function refresh() {
    document.querySelectorAll("[data-bulk-action]").forEach(function (button) {
      var form = button.form;
      if (!form) return;
      var name = button.getAttribute("data-bulk-action");
      button.disabled = !Array.prototype.some.call(form.elements, function (field) {
        return field.type === "checkbox" && field.name === name && field.checked;
      });
    });
  }
  // After the page's own change handlers (a header checkbox ticks every row without events).
  document.addEventListener("change", function () { setTimeout(refresh, 0); });
  document.addEventListener("htmx:afterSettle", refresh);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh);
  else refresh();
})();

// Search boxes with data-search-on-enter search at once on Enter instead of submitting the
// form around them (the picker inside a create form).
document.addEventListener("keydown", function (event) {
  var field = event.target.closest && event.target.closest("[data-search-on-enter]");
  if (!field || event.key !== "Enter") return;
  event.preventDefault();
  if (window.htmx) window.htmx.trigger(field, "search");
});

// The demo sign-in panel: "Use" fills the sign-in form with a row's details (the link itself,
// without this script, opens the form with the account and user name filled in).
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-demo-fill]");
  if (!link) return;
  var fields = {
    email: document.querySelector("input[name=email]"),
    account: document.querySelector("input[name=account]"),
    user_name: document.querySelector("input[name=user_name]"),
    password: document.querySelector("input[name=password]")
  };
  var wanted = link.hasAttribute("data-email") ? ["email"] : ["account", "user_name"];
  if (!wanted.every(function (name) { return fields[name]; }) || !fields.password) return;
  event.preventDefault();
  wanted.forEach(function (name) {
    fields[name].value = link.getAttribute("data-" + name.replace("_", "-"));
  });
  fields.password.value = link.getAttribute("data-password");
  fields.password.form.querySelector("button[type=submit]").focus();
});
