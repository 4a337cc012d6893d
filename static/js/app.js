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
