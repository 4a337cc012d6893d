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

// Column preferences of the lists: which columns show, remembered in this browser for the
// signed-in principal and the list (localStorage; the URL keeps filters and sort, so a shared
// link still shows what it names). The first column after the checkboxes, the name, stays.
(function () {
  "use strict";
  var PREFIX = "iamconsole.columns:";

  function label(cell) {
    var copy = cell.cloneNode(true);
    copy.querySelectorAll("[aria-hidden]").forEach(function (node) { node.remove(); });
    return copy.textContent.trim();
  }
  function hiddenLabels(key) {
    try {
      var stored = JSON.parse(window.localStorage.getItem(PREFIX + key) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return [];
    }
  }
  function optional(table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var first = heads.findIndex(function (cell) { return !cell.classList.contains("col-check"); });
    return heads.map(function (cell, index) { return { index: index, label: label(cell) }; })
      .slice(first + 1);
  }
  function apply(prefs, table) {
    var hidden = hiddenLabels(prefs.getAttribute("data-prefs-key"));
    var width = table.tHead.rows[0].cells.length;
    optional(table).forEach(function (column) {
      var hide = hidden.indexOf(column.label) !== -1;
      Array.prototype.forEach.call(table.rows, function (row) {
        if (row.cells.length === width) row.cells[column.index].hidden = hide;
      });
    });
  }
  function setUp(prefs) {
    var table = prefs.closest(".table-toolbar").parentElement.querySelector("table");
    if (!table || !table.tHead || prefs.dataset.ready) return;
    prefs.dataset.ready = "1";
    var key = prefs.getAttribute("data-prefs-key");
    var choices = prefs.querySelector("[data-column-choices]");
    var hidden = hiddenLabels(key);
    optional(table).forEach(function (column) {
      var line = document.createElement("label");
      line.className = "check";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = hidden.indexOf(column.label) === -1;
      box.setAttribute("data-column", column.label);
      line.appendChild(box);
      line.appendChild(document.createTextNode(" " + column.label));
      choices.appendChild(line);
    });
    choices.addEventListener("change", function () {
      var off = [];
      choices.querySelectorAll("[data-column]").forEach(function (box) {
        if (!box.checked) off.push(box.getAttribute("data-column"));
      });
      try { window.localStorage.setItem(PREFIX + key, JSON.stringify(off)); } catch (error) { /* private mode */ }
      apply(prefs, table);
    });
    prefs.hidden = false;
    apply(prefs, table);
  }
  function init(scope) {
    (scope.querySelectorAll ? scope : document).querySelectorAll("[data-column-prefs]").forEach(setUp);
  }
  document.addEventListener("htmx:load", function (event) { init(event.target); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(document); });
  else init(document);
})();
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
