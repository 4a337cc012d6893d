// iamconsole policy pages: the visual statement builder (Visual <-> JSON) and small helpers.
// The server renders every part of the builder (htmx); this script only switches the editors,
// writes the statements the cards show into the JSON editor, and filters long lists.
(function () {
  "use strict";

  // ---- Statements from the cards (mirrors policies/builder.py Card.statement) ----
  function oneOrList(values) { return values.length === 1 ? values[0] : values; }

  function cardStatement(card) {
    var raw = card.querySelector("[data-raw-statement] script");
    if (raw) return JSON.parse(raw.textContent);
    var statement = {};
    var sid = card.querySelector("[name=b_sid]");
    if (sid && sid.value) statement.Sid = sid.value;
    statement.Effect = card.querySelector("[name=b_effect]").value;
    var service = card.querySelector("[name=b_service]");
    var all = card.querySelector("[name=b_all_actions]");
    var actions = [];
    if (service && all && all.checked) {
      actions = [service.value + ":*"];
    } else {
      // Chosen actions in the page's order (level, then name), then the kept patterns.
      card.querySelectorAll("input[type=checkbox][name=b_action]:checked").forEach(function (input) {
        actions.push(input.value);
      });
      card.querySelectorAll("input[type=hidden][name=b_action]").forEach(function (input) {
        actions.push(input.value);
      });
    }
    statement.Action = oneOrList(actions);
    var allResources = card.querySelector("[name=b_all_resources]");
    if (allResources && allResources.checked) {
      statement.Resource = "*";
    } else {
      var resources = [];
      card.querySelectorAll("input[name=b_resource]").forEach(function (input) { resources.push(input.value); });
      statement.Resource = oneOrList(resources);
    }
    var conditions = card.querySelectorAll("input[name=b_cond]");
    if (conditions.length) {
      var block = {};
      conditions.forEach(function (input) {
        var row = JSON.parse(input.value);
        block[row.operator] = block[row.operator] || {};
        block[row.operator][row.key] = oneOrList(row.values);
      });
      statement.Condition = block;
    }
    return statement;
  }

  // ---- One authoring area: Visual and JSON tabs over the same document ----
  function setUp(root) {
    var textarea = root.querySelector("[data-editor-input]");
    var panel = root.querySelector("[data-builder-panel]");
    var jsonPanel = root.querySelector("[data-json-panel]");
    var tabs = root.querySelectorAll("[data-mode]");
    if (!textarea || !panel) return;

    function writeDocument() {
      var builder = panel.querySelector("[data-builder]");
      if (!builder) return;
      var baseScript = builder.querySelector("[data-builder-base] script");
      var doc = baseScript ? JSON.parse(baseScript.textContent) : {};
      if (!doc.Version) doc = Object.assign({ Version: "2012-10-17" }, doc);
      var statements = [];
      builder.querySelectorAll("[data-builder-card]").forEach(function (card) {
        statements.push(cardStatement(card));
      });
      doc.Statement = statements;
      var text = JSON.stringify(doc, null, 4);
      if (text === textarea.value) return;
      textarea.value = text;
      // The JSON editor redraws and validates on input, as if the person had typed.
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function csrfToken() {
      var input = document.querySelector("[name=csrfmiddlewaretoken]");
      return input ? input.value : "";
    }

    function loadVisual() {
      htmx.ajax("POST", root.getAttribute("data-from-json-url"), {
        source: panel, target: panel, swap: "innerHTML",
        values: { policy_document: textarea.value },
        headers: { "X-CSRFToken": csrfToken() }
      });
    }

    function show(mode) {
      tabs.forEach(function (tab) {
        var current = tab.getAttribute("data-mode") === mode;
        tab.classList.toggle("is-current", current);
        tab.setAttribute("aria-selected", current ? "true" : "false");
        tab.tabIndex = current ? 0 : -1;
      });
      panel.hidden = mode !== "visual";
      jsonPanel.hidden = mode !== "json";
      if (mode === "visual") loadVisual();
      root.setAttribute("data-current-mode", mode);
      // Posted with the form, so Back from the review reopens the same editor.
      var posted = root.querySelector("[data-editor-mode]");
      if (posted) posted.value = mode;
    }

    tabs.forEach(function (tab) {
      tab.addEventListener("click", function () { show(tab.getAttribute("data-mode")); });
      tab.addEventListener("keydown", function (event) {
        if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
        var other = Array.prototype.find.call(tabs, function (t) { return t !== tab; });
        other.focus();
        other.click();
      });
    });

    // Any change a person makes in a card is written to the JSON at once.
    panel.addEventListener("change", function (event) {
      var card = event.target.closest("[data-builder-card]");
      if (!card) return;
      if (event.target.matches("[data-all-actions]")) {
        card.querySelectorAll("input[type=checkbox][name=b_action]").forEach(function (box) {
          box.checked = event.target.checked;
          box.disabled = event.target.checked;
        });
      }
      if (event.target.matches("[data-arn-type]")) {
        card.querySelectorAll("[data-arn-fields]").forEach(function (fields) {
          fields.hidden = fields.getAttribute("data-arn-fields") !== event.target.value;
        });
        return;
      }
      if (event.target.matches("[name=b_effect]")) {
        event.target.className = "effect-" + event.target.value.toLowerCase();
      }
      if (event.target.matches("[name=b_action], [data-all-actions]")) updateCounts(card);
      if (event.target.matches("[name=b_effect], [name=b_action], [data-all-actions], [name=b_all_resources]")) {
        writeDocument();
      }
    });
    panel.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-card-remove]");
      if (remove) {
        remove.closest("[data-builder-card]").remove();
        writeDocument();
        return;
      }
      var chip = event.target.closest("[data-chip-remove]");
      if (chip) {
        var section = chip.closest(".builder-actions");
        chip.closest(".chip").remove();
        writeDocument();
        if (section) section.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    panel.addEventListener("input", function (event) {
      if (!event.target.matches("[data-filter-actions]")) return;
      var query = event.target.value.trim().toLowerCase();
      var card = event.target.closest("[data-builder-card]");
      card.querySelectorAll("[data-action-name]").forEach(function (label) {
        label.hidden = query !== "" && label.getAttribute("data-action-name").indexOf(query) === -1;
      });
      card.querySelectorAll(".action-group").forEach(function (group) {
        if (query) group.open = !!group.querySelector("[data-action-name]:not([hidden])");
      });
    });
    // Enter in a builder field must not submit the page's form.
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.matches("input")) event.preventDefault();
    });
    // After the server redraws a card or its resources and conditions, write the JSON again.
    panel.addEventListener("htmx:afterSwap", function (event) {
      if (event.target === panel) return;  // the whole panel, loaded from the JSON: no change
      writeDocument();
    });
    if (root.getAttribute("data-start-mode") === "visual") show("visual");
  }

  function updateCounts(card) {
    var all = card.querySelector("[data-all-actions]");
    var boxes = card.querySelectorAll("input[type=checkbox][name=b_action]:checked");
    var count = card.querySelector("[data-chosen-count]");
    if (count) count.textContent = all && all.checked ? "all" : boxes.length + " chosen";
    card.querySelectorAll(".action-group").forEach(function (group) {
      var total = group.querySelectorAll("input[name=b_action]").length;
      var checked = group.querySelectorAll("input[name=b_action]:checked").length;
      var label = group.querySelector("[data-group-count]");
      if (label) label.textContent = "(" + checked + "/" + total + ")";
    });
  }

  // ---- Small helpers of the policy pages ----
  document.addEventListener("input", function (event) {
    // Filter the permissions summary's services by name.
    if (event.target.matches("[data-filter-services]")) {
      var query = event.target.value.trim().toLowerCase();
      var summary = event.target.closest("[data-perm-summary]");
      summary.querySelectorAll("[data-service-name]").forEach(function (row) {
        row.hidden = query !== "" && row.getAttribute("data-service-name").indexOf(query) === -1;
      });
    }
    // The ARN preview of the review step follows the name and path typed.
    if (event.target.matches("#id_name, #id_path")) {
      var preview = document.querySelector("[data-arn-preview]");
      if (!preview) return;
      var name = document.querySelector("#id_name").value || "<policy-name>";
      var path = document.querySelector("#id_path").value || "/";
      preview.textContent = preview.getAttribute("data-arn-prefix").replace(/\/$/, "") + path + name;
    }
  });

  document.addEventListener("click", function (event) {
    // Tag rows: add a row (a copy of the blank template row) or remove one.
    var add = event.target.closest("[data-tag-add]");
    if (add) {
      var rows = add.closest("[data-tag-rows]");
      var template = rows.querySelector("[data-tag-template]");
      var copy = template.cloneNode(true);
      var n = rows.querySelectorAll(".ptag-row").length;
      copy.removeAttribute("data-tag-template");
      copy.querySelectorAll("input").forEach(function (input) {
        input.value = "";
        input.id = input.id + "-" + n;
      });
      copy.querySelectorAll("label").forEach(function (label) {
        label.htmlFor = label.htmlFor + "-" + n;
      });
      template.after(copy);
      copy.querySelector("input").focus();
      return;
    }
    var remove = event.target.closest("[data-tag-remove]");
    if (remove) {
      var row = remove.closest(".ptag-row");
      row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      if (!row.hasAttribute("data-tag-template")) row.remove();
    }
  });

  document.addEventListener("change", function (event) {
    // The list's header checkbox selects every selectable policy of the page.
    if (!event.target.matches("[data-select-all]")) return;
    var table = event.target.closest("table");
    table.querySelectorAll("[data-bulk-item]").forEach(function (box) {
      box.checked = event.target.checked;
    });
  });

  document.addEventListener("submit", function (event) {
    // Forms with data-confirm (deleting a version) ask first.
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // The version comparison opens at its first change, two lines of context above it.
  function showFirstChange(scope) {
    var row = scope.querySelector("[data-first-change]");
    if (!row) return;
    var wrap = row.closest(".diff-wrap");
    var head = wrap.querySelector("thead");
    var target = row;
    for (var i = 0; i < 2 && target.previousElementSibling; i++) target = target.previousElementSibling;
    wrap.scrollTop += target.getBoundingClientRect().top - wrap.getBoundingClientRect().top -
      (head ? head.offsetHeight : 0);
    // Near the end of a long document the box cannot scroll that far: the page scrolls then.
    if (row.getBoundingClientRect().bottom > window.innerHeight) row.scrollIntoView({block: "nearest"});
  }
  document.addEventListener("htmx:load", function (event) { showFirstChange(event.target); });

  function init(scope) {
    showFirstChange(scope);
    scope.querySelectorAll("[data-authoring]").forEach(function (root) {
      if (root.dataset.builderReady) return;
      root.dataset.builderReady = "1";
      setUp(root);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
